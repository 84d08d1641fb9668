/**
 * Every deterministic operator, one at a time, against the real streamz: the same inputs through
 * `source -> op -> sink` must give the same outputs, at the same inputs, and the same errors.
 */
import { describe } from 'vitest';
import {
  accumulateCase,
  collectCase,
  combineLatestCase,
  filterCase,
  filterNoneArgsCase,
  flattenCase,
  frequenciesCase,
  mapCase,
  partitionCase,
  partitionUniqueCase,
  pluckCase,
  removeCase,
  sinkArgsCase,
  sliceCase,
  slidingWindowCase,
  starmapCase,
  uniqueCase,
  unionCase,
  zipCase,
  zipLatestCase,
} from './arbitraries.js';
import { differential, useStreamz } from './differential.js';

const py = useStreamz();
const RUNS = 150;

describe('element by element', () => {
  differential(py, 'map', ['map'], mapCase, RUNS);
  differential(py, 'starmap', ['starmap'], starmapCase, RUNS);
  differential(py, 'filter', ['filter'], filterCase, RUNS);
  differential(
    py,
    'filter without a predicate but with extra arguments',
    ['filter'],
    filterNoneArgsCase,
    20,
  );
  differential(py, 'remove', ['remove'], removeCase, RUNS);
  differential(py, 'pluck', ['pluck'], pluckCase, RUNS);
  differential(py, 'flatten', ['flatten'], flattenCase('flatten'), RUNS);
  differential(py, 'concat', ['concat'], flattenCase('concat'), 50);
  differential(py, 'sink with extra arguments', ['sink', 'map'], sinkArgsCase, 50);
});

describe('stateful', () => {
  differential(py, 'accumulate', ['accumulate'], accumulateCase('accumulate'), 150);
  differential(py, 'scan', ['scan'], accumulateCase('scan'), 100);
  differential(py, 'frequencies', ['frequencies'], frequenciesCase, RUNS);
  differential(py, 'unique', ['unique'], uniqueCase, 150);
  differential(py, 'slice', ['slice'], sliceCase, 150);
});

describe('windows and groups', () => {
  differential(py, 'partition', ['partition'], partitionCase, RUNS);
  differential(py, 'partitionUnique', ['partitionUnique'], partitionUniqueCase, RUNS);
  differential(py, 'slidingWindow', ['slidingWindow'], slidingWindowCase, RUNS);
});

describe('several inputs', () => {
  differential(py, 'union', ['union', 'map', 'filter', 'accumulate'], unionCase, RUNS);
  differential(py, 'zip', ['zip', 'map', 'filter', 'accumulate'], zipCase, 150);
  differential(
    py,
    'combineLatest',
    ['combineLatest', 'map', 'filter', 'accumulate'],
    combineLatestCase,
    RUNS,
  );
  differential(py, 'zipLatest', ['zipLatest', 'map', 'filter', 'accumulate'], zipLatestCase, RUNS);
  differential(py, 'collect', ['collect', 'map', 'filter', 'accumulate'], collectCase, RUNS);
});
