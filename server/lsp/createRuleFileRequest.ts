import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRuleFile } from '../config/createRuleFile';

/**
 * `replylint/createRuleFile`: writes a commented `.replylint.yaml` into a workspace folder, as
 * `replylint --init` does, and says where it is; a folder that has one keeps it. A server request,
 * so any client can offer it; VS Code's is the command "Replylint: Create Rule File".
 */
export const CREATE_RULE_FILE_REQUEST = 'replylint/createRuleFile';

export interface CreateRuleFileParams {
  folderUri: string;
  /** the help desk; detected from the folder's files when not given */
  platform?: string;
}

export interface CreateRuleFileResult {
  uri: string;
  created: boolean;
  platform?: string;
}

export function createRuleFileRequest(params: CreateRuleFileParams): CreateRuleFileResult {
  if (!params?.folderUri?.startsWith('file:')) throw new Error('A rule file can only be created in a folder on disk.');
  const result = createRuleFile(fileURLToPath(params.folderUri), params.platform || undefined);
  return { uri: pathToFileURL(result.path).href, created: result.created, ...(result.created && result.platform ? { platform: result.platform } : {}) };
}
