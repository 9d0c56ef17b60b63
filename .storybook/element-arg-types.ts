import { getCustomElements } from '@storybook/web-components-vite';
import type { ArgTypes, ArgTypesEnhancer, InputType, SBType } from 'storybook/internal/types';

/** The parts of a Custom Elements Manifest entry read here (schema 1.0: attributes, members, events…). */
interface ManifestItem {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
  kind?: string;
  static?: boolean;
  readonly?: boolean;
  privacy?: string;
  attribute?: string;
  fieldName?: string;
}
interface ManifestElement {
  tagName?: string;
  attributes?: ManifestItem[];
  members?: ManifestItem[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
  cssParts?: ManifestItem[];
  cssProperties?: ManifestItem[];
}
interface Manifest {
  modules?: { declarations?: ManifestElement[] }[];
}

/** `'a' | 'b'`, optionally `| undefined`: the values, else undefined. */
function literalUnion(text: string): string[] | undefined {
  const values = text
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined');
  return values.length > 1 && values.every((v) => /^'[^']*'$/.test(v)) ? values.map((v) => v.slice(1, -1)) : undefined;
}

/** The control type Storybook infers from: primitives and string-literal unions; anything else has no control. */
function sbType(text = ''): SBType {
  const values = literalUnion(text);
  if (values) return { name: 'enum', value: values };
  const primitive = text.replace(/\s*\|\s*undefined$/, '');
  if (primitive === 'string' || primitive === 'number' || primitive === 'boolean') return { name: primitive };
  return { name: 'other', value: text };
}

function row(item: ManifestItem, category: string, name = item.name, options: Partial<InputType> = {}): InputType {
  const type = category === 'attributes' || category === 'properties' ? sbType(item.type?.text) : undefined;
  const controllable = type && type.name !== 'other' && !item.readonly;
  return {
    name,
    description: item.description,
    ...(type ? { type } : {}),
    ...(controllable ? {} : { control: false }),
    table: { category, type: item.type ? { summary: item.type.text } : undefined, defaultValue: item.default !== undefined ? { summary: item.default } : undefined },
    ...options,
  };
}

function findElement(tagName: string): ManifestElement | undefined {
  const manifest = getCustomElements() as Manifest | undefined;
  return manifest?.modules?.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tagName);
}

/**
 * The argTypes of an element from the manifest, keyed as the stories' args are: by property name,
 * shown under the attribute's name when the property has one (`fhirBaseUrl` as `fhir-base-url`), so an
 * attribute and its property make one row. Attributes with no property (`theme` on most elements,
 * which only the styles read) are keyed by the attribute. Events are logged in the Actions panel;
 * slots, parts and custom properties are listed without a control.
 */
export function extractArgTypes(tagName: string): ArgTypes | null {
  const element = findElement(tagName);
  if (!element) return null;
  const argTypes: ArgTypes = {};
  const attributes = new Map((element.attributes ?? []).filter((a) => a.fieldName).map((a) => [a.fieldName!, a]));
  for (const member of element.members ?? []) {
    if (member.kind !== 'field' || member.static || member.privacy) continue;
    const attribute = attributes.get(member.name);
    argTypes[member.name] = attribute ? row({ ...member, ...attribute, readonly: member.readonly }, 'attributes') : row(member, 'properties');
  }
  for (const attribute of element.attributes ?? []) {
    if (!attribute.fieldName || !argTypes[attribute.fieldName]) argTypes[attribute.name] = row(attribute, 'attributes');
  }
  for (const event of element.events ?? []) {
    if (!event.name) continue;
    const handler = `on${event.name.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase())}`;
    argTypes[handler] = { name: handler, action: event.name, table: { disable: true } };
    argTypes[event.name] = row(event, 'events');
  }
  for (const slot of element.slots ?? []) argTypes[`slot:${slot.name || 'default'}`] = row(slot, 'slots', slot.name || '(default)');
  for (const part of element.cssParts ?? []) argTypes[`part:${part.name}`] = row(part, 'css shadow parts');
  for (const property of element.cssProperties ?? []) argTypes[property.name] = row(property, 'css custom properties');
  return argTypes;
}

/**
 * Fits the manifest's argTypes to a story. A story's own argType for a property (options, a
 * story-specific description) comes back named after its key, as Storybook names every argType a story
 * writes: it is shown again under the attribute's name. And an attribute the story does not set (no
 * arg) is documented without a control, since the story's template would not pass it on.
 */
export const fitToStory: ArgTypesEnhancer = ({ argTypes, component, initialArgs }) => {
  const element = typeof component === 'string' ? findElement(component) : undefined;
  if (!element) return argTypes;
  const fitted: ArgTypes = { ...argTypes };
  for (const attribute of element.attributes ?? []) {
    const key = attribute.fieldName;
    const argType = key ? fitted[key] : undefined;
    if (key && argType && argType.name === key && attribute.name !== key) fitted[key] = { ...argType, name: attribute.name };
  }
  for (const [key, argType] of Object.entries(fitted)) {
    if (!(key in (initialArgs ?? {})) && argType.table?.category && argType.control === undefined) fitted[key] = { ...argType, control: false };
  }
  return fitted;
};
