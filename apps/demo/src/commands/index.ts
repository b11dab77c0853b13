/** Registry of `embfact` commands, in the order `embfact help` lists them. */
import type { Command } from '../command.js';
import { analyze } from './analyze.js';
import { factorize } from './factorize.js';
import { neighbors } from './neighbors.js';
import { report } from './report.js';
import { demo } from './demo.js';
import { evalWords } from './eval-words.js';
import { classify } from './classify.js';
import { cluster, clusterWordsCommand } from './cluster.js';
import { keywords, evalKeywords } from './keywords.js';

export const COMMANDS: Command<any>[] = [demo, analyze, factorize, neighbors, evalWords, classify, cluster, clusterWordsCommand, keywords, evalKeywords, report];
