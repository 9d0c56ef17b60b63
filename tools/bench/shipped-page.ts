/**
 * The page a hospital deploys: `packages/portico` built fresh with its own vite.config.ts (never a stale
 * dist/), its files put under `/portico/` as they are, and a plain static page beside them with
 * `<portal-session auth="smart">`, `<patient-banner>` and every element the build has, as README.md's "Embed it" shows:
 * one `<script type="module">`, no bundler, no import map, no inline script or style.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { findElementDefines } from './element-defines.js';
import { buildPackage, type BuiltChunk } from './sizes.js';

/** The booker's visit type, set by the page (as a hospital's "Book an annual physical" link would be): the calendar is its first screen. */
export const VISIT_TYPE = 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical';

/** The page's file name under the site's root. */
export const PAGE = 'my-health.html';

/** The file name of the page with `tag` alone (besides `portal-session` and `patient-banner`), beside PAGE. */
export const alonePage = (tag: PageElement) => `${tag}.html`;

/** The elements the page can hold besides `portal-session` and `patient-banner`, each a chunk `portico.js` loads when it sees the tag. */
export const PAGE_ELEMENTS = ['appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medication-list', 'health-record', 'health-reminders'] as const;
export type PageElement = (typeof PAGE_ELEMENTS)[number];

/** Each element's tag as the page writes it, with the attributes a hospital gives it. */
const ELEMENT_TAGS = ({ processorUrl }: { processorUrl: string }): Readonly<Record<PageElement, string>> => ({
  'appointment-booker': `<appointment-booker service-type="${VISIT_TYPE}" cancel-cutoff-hours="24"></appointment-booker>`,
  'lab-results': '<lab-results></lab-results>',
  'message-inbox': '<message-inbox reply-time="2 business days" contact-phone="845-555-0100"></message-inbox>',
  'bill-pay': `<bill-pay processor-url="${processorUrl}" billing-phone="845-555-0150"></bill-pay>`,
  'record-download': '<record-download help-href="/contact.html"></record-download>',
  'medication-list': '<medication-list help-href="/contact.html"></medication-list>',
  'health-record': '<health-record></health-record>',
  'health-reminders': '<health-reminders book-href="/contact.html"></health-reminders>',
});

export interface ShippedPage {
  /** The site's folder: the page, its stylesheet, and `portico/` (`portico.js`, `chunks/`). */
  siteDir: string;
  /** The elements on the page: those of PAGE_ELEMENTS the umbrella build loads. */
  elements: PageElement[];
  /** Every file the build wrote under `portico/`, as URL paths (`/portico/chunks/define-….js`). */
  files: string[];
  /** For each element, the URL paths of the chunks only it loads (its define chunk and everything that alone reaches): how a request is known to be its own. */
  ownChunks: Partial<Record<PageElement, string[]>>;
  /** Its define chunk's URL path. */
  defineChunk: Partial<Record<PageElement, string>>;
}

const pageHtml = ({ fhirBaseUrl, processorUrl }: { fhirBaseUrl: string; processorUrl: string }, elements: PageElement[], stylesheet: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>My health · Riverside Health</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./${stylesheet}" />
    <script type="module" src="/portico/portico.js"></script>
  </head>
  <body>
    <main>
      <h1>My health</h1>
      <portal-session auth="smart" fhir-base-url="${fhirBaseUrl}" client-id="portico-demo">
        <patient-banner></patient-banner>
${elements.map((tag) => `        ${ELEMENT_TAGS({ processorUrl })[tag]}\n`).join('')}      </portal-session>
    </main>
  </body>
</html>
`;

const PAGE_CSS = `body { margin: 0 auto; max-width: 60rem; padding: 1rem; font-family: system-ui, sans-serif; }
portal-session { --portico-color-primary: #1d5c8c; }
`;

/** Builds the umbrella into `<tmp>/site/portico` and writes the page beside it, pointed at `backend`. */
export async function writeShippedPage(
  root: string,
  tmp: string,
  backend: { fhirBaseUrl: string; processorUrl: string },
  { readableNames = false }: { readableNames?: boolean } = {},
): Promise<ShippedPage> {
  const siteDir = join(tmp, 'site');
  const outDir = join(siteDir, 'portico');
  // As the umbrella's own config emits it (what `npm run build` leaves in dist/), source maps aside.
  // readableNames (for a CPU profile): the same build with names and whitespace kept.
  const chunks = await buildPackage({
    packageDir: join(root, 'packages/portico'),
    outDir,
    fullMinify: false,
    adjust: readableNames
      ? (config) => {
          config.build!.minify = false;
          const output = config.build!.rollupOptions!.output;
          for (const o of Array.isArray(output) ? output : [output]) if (o) o.minify = false;
        }
      : undefined,
  });
  const url = (fileName: string) => `/portico/${fileName}`;
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry && c.fileName === 'portico.js');
  if (!entry) throw new Error('The umbrella build wrote no portico.js');
  const reach = (start: BuiltChunk): Set<string> => {
    const seen = new Set<string>();
    const queue = [start.fileName];
    while (queue.length) {
      const name = queue.shift()!;
      if (seen.has(name) || name === entry.fileName || !byName.has(name)) continue;
      seen.add(name);
      queue.push(...byName.get(name)!.imports, ...byName.get(name)!.dynamicImports);
    }
    return seen;
  };
  // An element is on the page when the build has the module that registers it (findElementDefines) as a chunk of its own.
  const modules = await findElementDefines(root);
  const defines = new Map<PageElement, BuiltChunk>();
  for (const tag of PAGE_ELEMENTS) {
    const source = modules.find((m) => m.tag === tag)?.path;
    const define = source && chunks.find((c) => c.facade && relative(root, c.facade).split(sep).join('/') === source);
    if (define) defines.set(tag, define);
  }
  const elements = PAGE_ELEMENTS.filter((tag) => defines.has(tag));
  const reached = new Map(elements.map((tag) => [tag, reach(defines.get(tag)!)]));
  const ownChunks = Object.fromEntries(
    elements.map((tag) => [tag, [...reached.get(tag)!].filter((name) => elements.every((other) => other === tag || !reached.get(other)!.has(name))).map(url)]),
  );
  await mkdir(siteDir, { recursive: true });
  // The site's stylesheet with its content's hash in its name, cached for good as production sites cache
  // theirs: a stylesheet revalidated on each load would hold every module script (and so Portico) back by a
  // round trip, since scripts wait for the stylesheets before them.
  const stylesheet = `assets/page-${createHash('sha256').update(PAGE_CSS).digest('base64url').slice(0, 8)}.css`;
  await mkdir(join(siteDir, 'assets'), { recursive: true });
  await writeFile(join(siteDir, PAGE), pageHtml(backend, elements, stylesheet));
  for (const tag of elements) await writeFile(join(siteDir, alonePage(tag)), pageHtml(backend, [tag], stylesheet));
  await writeFile(join(siteDir, stylesheet), PAGE_CSS);
  return {
    siteDir,
    elements,
    files: chunks.map((c) => url(c.fileName)),
    ownChunks,
    defineChunk: Object.fromEntries(elements.map((tag) => [tag, url(defines.get(tag)!.fileName)])),
  };
}
