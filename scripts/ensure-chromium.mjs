#!/usr/bin/env node
// Our own tests open the HTML report in Debian's Chromium (/usr/bin/chromium) through Playwright, so
// no browser is downloaded from the network by npm. On a fresh CI machine it is not there yet:
// install it with apt (quietly). Exits 0 when chromium is (now) present, 1 with one line otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.error(`ensure-chromium: ${CHROMIUM} is missing and this is not a Debian-like system (no apt-get): install Chromium at ${CHROMIUM}, or the browser test of the HTML report is skipped`);
  process.exit(1);
}

// As root directly; otherwise through sudo without a password prompt (-n), as CI runners allow.
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = asRoot ? [] : ['sudo', '-n'];
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

function apt(args) {
  const [command, ...rest] = [...prefix, 'apt-get', ...args];
  return spawnSync(command, rest, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium with apt-get`);
let result = apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
if (result.status !== 0) {
  // A fresh machine often has no package lists yet.
  apt(['update', '-qq']);
  result = apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
}
if (result.status !== 0 || !existsSync(CHROMIUM)) {
  const why =
    result.status === 0
      ? `apt-get finished but ${CHROMIUM} is still missing`
      : ((result.error?.message ?? result.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `apt-get exit code ${result.status}`);
  console.error(`ensure-chromium: could not install chromium (${why}); the browser test of the HTML report will be skipped`);
  process.exit(1);
}
console.log(`ensure-chromium: installed ${CHROMIUM}`);
