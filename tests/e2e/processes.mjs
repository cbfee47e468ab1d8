// Process helpers of the e2e runners: run a command with a time limit, list a process group.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { root } from './codeServer.mjs';

/** Runs a command with its output captured, in its own process group, killed when it overruns. */
export function run(command, args, { cwd = root, env = process.env, timeoutMs }) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveRun({ code: null, signal: null, output: `${output}\n${error.message}` });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, output });
    });
  });
}

/** The command lines of the processes in a process group (Linux /proc). */
export function processesInGroup(groupId) {
  const commands = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp …
      if (Number(fields[2]) !== groupId) continue;
      commands.push(readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim());
    } catch {
      // the process ended meanwhile
    }
  }
  return commands;
}

export function lastLines(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
