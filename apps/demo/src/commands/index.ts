/** Registry of `embfact` commands, in the order `embfact help` lists them. */
import type { Command } from '../command.js';
import { analyze } from './analyze.js';
import { factorize } from './factorize.js';
import { neighbors } from './neighbors.js';

export const COMMANDS: Command<any>[] = [analyze, factorize, neighbors];
