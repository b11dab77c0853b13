/** Registry of `embfact` commands, in the order `embfact help` lists them. */
import type { Command } from '../command.js';
import { analyze } from './analyze.js';
import { factorize } from './factorize.js';
import { neighbors } from './neighbors.js';
import { report } from './report.js';
import { demo } from './demo.js';

export const COMMANDS: Command<any>[] = [demo, analyze, factorize, neighbors, report];
