import { NO_RULE_ID } from '../../shared';
import type { EslintMessage, FileReport } from './eslintResult';
import { fileUrl, isUnder, relativeUri, type ReportContext } from './reportContext';

/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it: one run, the rules
 * that ran with their docs as `helpUri`, one result per finding with its region in UTF-16
 * columns (`columnKind`), the macro it belongs to as a logical location, and safe fixes as
 * SARIF fixes. A file that could not be read as intended (a syntax error) is not a rule's
 * result: it is a tool execution notification, and the run is marked unsuccessful.
 */
export function formatSarif(reports: FileReport[], context: ReportContext): string {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const artifacts: SarifArtifact[] = [];
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const { result, severities } of reports) {
    const artifactIndex = artifacts.length;
    const location = artifactLocation(result.filePath, context.cwd);
    artifacts.push({ location });
    const at = { ...location, index: artifactIndex };
    result.messages.forEach((message, i) => {
      const level = severities[i] === 'info' ? 'note' : message.severity === 2 ? 'error' : 'warning';
      if (message.ruleId === null || message.ruleId === NO_RULE_ID) {
        notifications.push({
          level: 'error',
          message: { text: message.message },
          locations: [{ physicalLocation: { artifactLocation: at, region: region(message) } }],
        });
        return;
      }
      const sarifResult: Record<string, unknown> = {
        ruleId: message.ruleId,
        level,
        message: { text: message.message },
        locations: [
          {
            physicalLocation: { artifactLocation: at, region: region(message) },
            ...(message.item ? { logicalLocations: [{ name: message.item.title, kind: 'object', fullyQualifiedName: `macro ${message.item.index}: ${message.item.title}` }] } : {}),
          },
        ],
      };
      const index = ruleIndex.get(message.ruleId);
      if (index !== undefined) sarifResult.ruleIndex = index;
      if (message.fix) {
        sarifResult.fixes = [
          {
            description: { text: `Replylint's safe fix for ${message.ruleId}` },
            artifactChanges: [
              {
                artifactLocation: at,
                replacements: [
                  {
                    deletedRegion: { charOffset: message.fix.range[0], charLength: message.fix.range[1] - message.fix.range[0] },
                    insertedContent: { text: message.fix.text },
                  },
                ],
              },
            ],
          },
        ];
      }
      if (message.item) sarifResult.properties = { item: message.item };
      results.push(sarifResult);
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Replylint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: 'https://github.com/replylint/replylint',
            rules: context.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary || rule.id },
              ...(rule.docs ? { helpUri: rule.docs, help: { text: `${rule.summary || rule.id} See ${rule.docs}` } } : {}),
              defaultConfiguration: { level: rule.severity === 'info' ? 'note' : rule.severity },
              properties: { fixable: rule.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUrl(context.cwd, true) } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

interface SarifArtifact {
  location: { uri: string; uriBaseId?: string };
}

/** Relative to the folder the command ran in (code scanning resolves it against the checkout), or absolute outside it. */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (isUnder(filePath, cwd)) return { uri: relativeUri(filePath, cwd), uriBaseId: '%SRCROOT%' };
  return { uri: filePath.startsWith('<') ? filePath : fileUrl(filePath) };
}

function region(message: EslintMessage) {
  return { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn };
}
