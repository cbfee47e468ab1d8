import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { closestRuleId } from './closestRuleId';
import ruleFileSchema from './ruleFileSchema.json';
import type { ValuePath } from './sourceTree';

/** A place in a rule file's data and what is wrong there; `key` when the key itself is wrong. */
export interface DataProblem {
  path: ValuePath;
  at: 'key' | 'value';
  message: string;
  /** what the key or value most likely meant: the editor offers it as a quick fix */
  replacement?: string;
}

let validate: ValidateFunction | undefined;

/**
 * Checks rule-file data against the one schema that also drives editor completion
 * (package.json `jsonValidation` / `yamlValidation`), and says what is wrong in words a team
 * lead reads, with the path to the offending value.
 */
export function schemaProblems(data: unknown): DataProblem[] {
  // strict: false lets the schema carry VS Code's own keywords (markdownDescription, enumDescriptions, …) and x-problem
  validate ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(ruleFileSchema);
  if (validate(data)) return [];
  return readableProblems(validate.errors ?? [], data);
}

function readableProblems(errors: ErrorObject[], data: unknown): DataProblem[] {
  // The branches of an anyOf each say why they failed at the value itself; one sentence about the
  // value reads better, unless a branch fitted the value's type and failed deeper inside it.
  const dropped = new Set<ErrorObject>();
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf')) {
    const at = anyOf.instancePath;
    for (const error of errors) if (error !== anyOf && error.instancePath === at) dropped.add(error);
    if (errors.some((error) => error.instancePath.startsWith(`${at}/`))) dropped.add(anyOf);
  }
  // A value none of whose forms fit may still be a typo of an allowed one ("of" for "off").
  const nearValue = new Map<ErrorObject, string>();
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf' && !dropped.has(error))) {
    const value = valueAt(data, pointerPath(anyOf.instancePath, data));
    if (typeof value !== 'string') continue;
    const allowed = errors
      .filter((error) => error.keyword === 'enum' && error.instancePath === anyOf.instancePath)
      .flatMap((error) => ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String));
    const near = closestRuleId(value, allowed);
    if (near) nearValue.set(anyOf, near);
  }
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (dropped.has(error) || error.keyword === 'if') return [];
    const problem = describe(error, data);
    const near = nearValue.get(error);
    if (near) Object.assign(problem, { message: `${problem.message}; did you mean "${near}"?`, replacement: near });
    const key = `${problem.path.join('/')} ${problem.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [problem];
  });
}

function describe(error: ErrorObject, data: unknown): DataProblem {
  const path = pointerPath(error.instancePath, data);
  const name = nameOf(path, data);
  // `x-problem`: how our own messages describe what a value must be (VS Code keeps its own wording)
  const own = (error.parentSchema as { 'x-problem'?: string } | undefined) ?? {};
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {}).filter((k) => k !== '$schema');
      const near = closestRuleId(key, allowed);
      const where = path.length > 0 ? ` in ${name}` : '';
      if (allowed.length === 0) return { path: [...path, key], at: 'key', message: `unknown key "${key}"${where}` };
      return {
        path: [...path, key],
        at: 'key',
        message: `unknown key "${key}"${where}${near ? `; did you mean "${near}"?` : `; use ${allowed.join(', ')}`}`,
        ...(near ? { replacement: near } : {}),
      };
    }
    case 'required':
      return { path, at: path.length > 0 ? 'key' : 'value', message: `${path.length > 0 ? name : 'the file'} needs "${String(params.missingProperty)}"` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = valueAt(data, path);
      const near = typeof value === 'string' ? closestRuleId(value, allowed) : undefined;
      return { path, at: 'value', message: `${name} is one of ${allowed.join(', ')}${near ? `; did you mean "${near}"?` : ''}`, ...(near ? { replacement: near } : {}) };
    }
    case 'const':
      return { path, at: 'value', message: `${name} must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { path, at: 'value', message: `${name} ${own['x-problem'] ?? `must be ${typeWords(String(params.type))}`}` };
    case 'pattern':
      return { path, at: 'value', message: `${name} ${own['x-problem'] ?? 'does not have the expected form'}` };
    case 'minItems':
    case 'minProperties':
    case 'minLength':
      return { path, at: 'value', message: `${name} must not be empty` };
    case 'minimum':
      return { path, at: 'value', message: `${name} must be ${String(params.limit)} or more` };
    case 'anyOf':
      return { path, at: 'value', message: `${name} ${own['x-problem'] ?? 'has the wrong shape'}` };
    default:
      return { path, at: 'value', message: `${name} ${error.message ?? 'is not valid'}` };
  }
}

/** "rules" → `"rules"`; a custom rule by its id; a list item by its place in the list. */
function nameOf(path: ValuePath, data: unknown): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  if (typeof last === 'string') return `"${last}"`;
  const list = path[path.length - 2];
  const item = valueAt(data, path) as { id?: unknown } | undefined;
  if (list === 'custom' && path.length === 2) return typeof item?.id === 'string' ? `custom rule "${item.id}"` : `custom rule ${last + 1}`;
  return `item ${last + 1} of "${String(list)}"`;
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    array: 'a list',
    object: 'a mapping of keys to values',
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
  };
  return type.split(',').map((t) => words[t] ?? t).join(' or ');
}

/** "/custom/0/swap" → ["custom", 0, "swap"], list indexes as numbers. */
function pointerPath(pointer: string, data: unknown): ValuePath {
  if (pointer === '') return [];
  const path: ValuePath = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(node) ? Number(segment) : NaN;
    path.push(Number.isInteger(index) ? index : segment);
    node = (node as Record<string | number, unknown> | undefined)?.[Number.isInteger(index) ? index : segment];
  }
  return path;
}

function valueAt(data: unknown, path: ValuePath): unknown {
  let node = data;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}
