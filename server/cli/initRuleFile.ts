import { RULE_FILE_PLATFORMS } from '../../shared/config/ruleFileTemplate';
import { createRuleFile, detectFolderPlatform, existingRuleFile } from '../config/createRuleFile';
import { shownPath } from '../config/ruleFileResolver';
import type { CliIo } from './runCli';
import { terminalText } from './terminalText';

/**
 * `replylint --init`: writes a commented `.replylint.yaml` here. The platform is asked at a
 * terminal (the one the folder's files point to is the default), detected otherwise. A folder
 * that has a rule file keeps it: exit 2, nothing written.
 */
export async function initRuleFile(io: CliIo): Promise<number> {
  const existing = existingRuleFile(io.cwd);
  if (existing) {
    io.stderr(`replylint: ${terminalText(existing)} already exists; --init leaves it as it is\n`);
    return 2;
  }
  const detected = detectFolderPlatform(io.cwd);
  let platform = detected?.platform;
  if (io.ask) {
    for (;;) {
      const answer = (await io.ask(`Help desk of these replies (${RULE_FILE_PLATFORMS.join(', ')})${platform ? ` [${platform}]` : ''}: `)).trim().toLowerCase();
      if (answer === '') break;
      if ((RULE_FILE_PLATFORMS as readonly string[]).includes(answer)) {
        platform = answer;
        break;
      }
      io.stderr(`"${terminalText(answer)}" is not one of them\n`);
    }
  }
  const result = createRuleFile(io.cwd, platform, detected?.platform === platform ? detected?.files : undefined);
  if (!result.created) {
    io.stderr(`replylint: ${terminalText(result.path)} already exists; --init leaves it as it is\n`);
    return 2;
  }
  const how = platform === undefined ? 'no platform found; set one in it' : `platform ${platform}${detected?.platform === platform ? `, found in ${detected.files} ${detected.files === 1 ? 'file' : 'files'}` : ''}`;
  io.stdout(`Wrote ${terminalText(shownPath(result.path, io.cwd))} (${how}). Run "npx replylint" to lint with it.\n`);
  return 0;
}
