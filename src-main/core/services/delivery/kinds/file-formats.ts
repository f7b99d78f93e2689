/**
 * Puts a value at a key in a file's text, keeping everything else as it was, and reads it back:
 * - `env`: a `KEY=value` line (an `export ` prefix and the old quote style kept; appended when
 *   the key is not there yet);
 * - `json`: a dot-separated key path (`services.mail.token`), the file's indentation kept;
 * - `yaml`: a dot-separated key path, through `yaml`'s document model, which keeps comments.
 * Pure functions over text; a malformed file is refused with a sentence, never rewritten.
 */
import { isMap, parseDocument } from 'yaml';
import { invalidInput } from '../../../errors';

export type FileFormat = 'env' | 'json' | 'yaml';

export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function envLine(key: string): RegExp {
  return new RegExp(`^(\\s*(?:export\\s+)?${escapeRegExp(key)}\\s*=\\s*)(.*)$`);
}

/** Quoted as the old value was; a value that needs quotes gets double quotes. */
function envValue(old: string, value: string): string {
  const quote = old.startsWith("'") ? "'" : old.startsWith('"') ? '"' : '';
  if (quote === "'" && !value.includes("'")) return `'${value}'`;
  if (quote === '' && /^[^\s#"'\\$`]*$/.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

function unquoteEnv(raw: string): string {
  const value = raw.trim();
  if (value.startsWith("'")) return value.slice(1, value.indexOf("'", 1));
  if (value.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"/.exec(value);
    return (match?.[1] ?? '').replace(/\\(.)/g, '$1');
  }
  return value.replace(/\s+#.*$/, '');
}

const pathOf = (key: string) => key.split('.');

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidInput('The file is not valid JSON; Tokenkeeper leaves it as it is.');
  }
}

function indentOf(text: string): string | number {
  const match = /^[{[]\s*\n([ \t]+)/.exec(text);
  return match?.[1] ?? 2;
}

function setJson(text: string, key: string, value: string): string {
  const root = text.trim() === '' ? {} : parseJsonText(text);
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    throw invalidInput('The JSON file does not hold an object at its top; Tokenkeeper leaves it as it is.');
  let node = root as Record<string, unknown>;
  const parts = pathOf(key);
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === undefined) node[part] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next))
      throw invalidInput(`“${part}” in the JSON file is not an object, so “${key}” cannot be set there.`);
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
  return `${JSON.stringify(root, null, indentOf(text))}${text.endsWith('\n') || text === '' ? '\n' : ''}`;
}

function getJson(text: string, key: string): unknown {
  let node: unknown = parseJsonText(text);
  for (const part of pathOf(key)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function yamlDocument(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw invalidInput('The file is not valid YAML; Tokenkeeper leaves it as it is.');
  if (doc.contents !== null && !isMap(doc.contents))
    throw invalidInput('The YAML file does not hold a mapping at its top; Tokenkeeper leaves it as it is.');
  return doc;
}

/** The text with `value` at `key`; everything else unchanged. */
export function setValue(format: FileFormat, text: string, key: string, value: string): string {
  switch (format) {
    case 'env': {
      const lines = text.split('\n');
      const pattern = envLine(key);
      const index = lines.findIndex((line) => pattern.test(line));
      if (index === -1) {
        const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
        return `${body}${key}=${envValue('', value)}\n`;
      }
      lines[index] = lines[index]!.replace(
        pattern,
        (_all, head: string, old: string) => `${head}${envValue(old, value)}`,
      );
      return lines.join('\n');
    }
    case 'json':
      return setJson(text, key, value);
    case 'yaml': {
      const doc = yamlDocument(text);
      doc.setIn(pathOf(key), value);
      return doc.toString();
    }
  }
}

/** The value at `key`, or undefined when it is not there. */
export function getValue(format: FileFormat, text: string, key: string): unknown {
  switch (format) {
    case 'env': {
      const pattern = envLine(key);
      const line = text.split('\n').find((l) => pattern.test(l));
      return line === undefined ? undefined : unquoteEnv(pattern.exec(line)![2]!);
    }
    case 'json':
      return getJson(text, key);
    case 'yaml':
      return yamlDocument(text).getIn(pathOf(key));
  }
}
