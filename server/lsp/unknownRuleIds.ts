import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { builtinRules, closestRuleId } from '../../shared/index';

/**
 * A rule id in `replylint.rules` that names no rule does nothing, which a team lead would
 * never notice: say so once per id, in the output and as a warning the user sees, with the
 * id they most likely meant. Once, because settings are pulled per document and again on
 * every change; the same typo is not news twice.
 */
export class UnknownRuleIds {
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly knownIds: () => readonly string[] = () => builtinRules().map((rule) => rule.id),
  ) {}

  check(rules: Record<string, unknown>, scopeUri: string | undefined): void {
    const known = this.knownIds();
    for (const id of Object.keys(rules)) {
      if (known.includes(id) || this.reported.has(id)) continue;
      this.reported.add(id);
      const message = unknownRuleMessage(id, known);
      this.connection.console.warn(`${message}${scopeUri ? ` (settings of ${scopeUri})` : ''}`);
      // A notification, not connection.window.showWarningMessage: that sends a request, and a
      // client that does not implement it answers with an error nobody awaits.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
  }
}

export function unknownRuleMessage(id: string, known: readonly string[]): string {
  const near = closestRuleId(id, known);
  return `Replylint has no rule “${id}”, so replylint.rules["${id}"] changes nothing.${near ? ` Did you mean “${near}”?` : ''}`;
}
