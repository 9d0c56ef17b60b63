/**
 * The modules' operation settings as command-line flags of `npm start` and `npm run server`:
 * `schedulingOperations` is `--scheduling-operations`.
 */
import { OPERATION_SETTINGS, type OperationSetting, type OperationSettings } from './registry.js';

/** `schedulingOperations` → `scheduling-operations`. */
export function flagOf(setting: OperationSetting): string {
  return setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A boolean `parseArgs` option per setting, off by default. */
export function operationOptions(): Record<string, { type: 'boolean'; default: false }> {
  return Object.fromEntries(OPERATION_SETTINGS.map((setting) => [flagOf(setting), { type: 'boolean', default: false }]));
}

/** The settings the parsed flags turn on. */
export function operationSettingsOfArgs(values: Readonly<Record<string, unknown>>): OperationSettings {
  return Object.fromEntries(OPERATION_SETTINGS.map((setting) => [setting, values[flagOf(setting)] === true]));
}
