import front from './front.yaml';
import freshdesk from './freshdesk.yaml';
import gorgias from './gorgias.yaml';
import helpscout from './helpscout.yaml';
import intercom from './intercom.yaml';
import zendesk from './zendesk.yaml';
import zoho from './zoho.yaml';
import type { Platform } from '../formats/macroShapes';

/**
 * The variables each help desk fills in, as data (`<platform>.yaml` beside this file, each
 * naming the vendor documentation it follows). Plain has no file: it documents no reply
 * variables, so nothing is offered for it.
 */
export type PlaceholderDialect = 'liquid' | 'helpscout' | 'zoho';

export interface PlatformVariable {
  name: string;
  description: string;
  /** a name some customers lack: write it with a fallback ("Hi there" rather than "Hi ,") */
  needsFallback?: boolean;
}

export interface PlatformPlaceholders {
  platform: Platform;
  /** how the platform writes one: {{name}}, {%name%} or ${Name} */
  dialect: PlaceholderDialect;
  source: string;
  /** the customer's first name as a greeting should hold it, fallback included where the dialect has one */
  greeting: string;
  variables: PlatformVariable[];
}

const FILES: Record<string, unknown> = { zendesk, freshdesk, helpscout, intercom, front, gorgias, zoho };

let checked: Map<string, PlatformPlaceholders> | undefined;

/** The placeholders of a platform, or undefined for one without a data file. Throws on a broken file. */
export function placeholdersFor(platform: string): PlatformPlaceholders | undefined {
  checked ??= new Map(Object.entries(FILES).map(([name, data]) => [name, checkPlaceholders(name, data)]));
  return checked.get(platform);
}

export function placeholderPlatforms(): string[] {
  return Object.keys(FILES);
}

function checkPlaceholders(name: string, data: unknown): PlatformPlaceholders {
  const file = data as Partial<PlatformPlaceholders>;
  const fail = (why: string) => new Error(`shared/placeholders/${name}.yaml: ${why}`);
  if (file.platform !== name) throw fail('"platform" must be the file name');
  if (!['liquid', 'helpscout', 'zoho'].includes(file.dialect as string)) throw fail('"dialect" must be liquid, helpscout or zoho');
  if (typeof file.source !== 'string' || file.source === '') throw fail('"source" must say which vendor documentation the names follow');
  if (typeof file.greeting !== 'string' || file.greeting === '') throw fail('"greeting" must be the placeholder of the customer\'s first name');
  if (!Array.isArray(file.variables) || file.variables.length === 0) throw fail('"variables" must be a non-empty list');
  for (const variable of file.variables) {
    if (typeof variable?.name !== 'string' || typeof variable.description !== 'string' || variable.description === '') {
      throw fail(`every variable needs a "name" and a "description"; got ${JSON.stringify(variable)}`);
    }
  }
  return file as PlatformPlaceholders;
}
