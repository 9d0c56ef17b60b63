/**
 * The modules' operation settings as command-line flags of `npm start` and `npm run server`:
 * `schedulingOperations` is `--scheduling-operations` (off unless given); a setting on by default
 * (`recordOperations`) is turned off with `--no-record-operations`.
 */
import { isOnByDefault, OPERATION_SETTINGS, type OperationSetting, type OperationSettings } from './registry.js';

/** `schedulingOperations` → `scheduling-operations`. */
export function flagOf(setting: OperationSetting): string {
  return setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Boolean `parseArgs` options per setting: `--<flag>`, and `--no-<flag>` for one on by default. */
export function operationOptions(): Record<string, { type: 'boolean' }> {
  return Object.fromEntries(OPERATION_SETTINGS.flatMap((setting) => [[flagOf(setting), { type: 'boolean' }], ...(isOnByDefault(setting) ? [[`no-${flagOf(setting)}`, { type: 'boolean' }]] : [])]));
}

/** The settings the parsed flags give: `--no-<flag>` off, `--<flag>` on, else the setting's default. */
export function operationSettingsOfArgs(values: Readonly<Record<string, unknown>>): OperationSettings {
  return Object.fromEntries(
    OPERATION_SETTINGS.map((setting) => {
      const flag = flagOf(setting);
      return [setting, values[`no-${flag}`] === true ? false : values[flag] === true ? true : isOnByDefault(setting)];
    }),
  );
}
