// Entry point of the in-host suite: VS Code loads the bundle of this file (extensionTestsPath)
// in the extension host and awaits run(); a rejection makes the window exit with code 1.
import { runSteps } from './harness';
import './replylint.e2e';
import './librariesAndRuleFiles.e2e';

export async function run(): Promise<void> {
  const results = await runSteps();
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    throw new Error(`${failed.length} of ${results.length} end-to-end steps failed: ${failed.map((r) => r.name).join('; ')}`);
  }
}
