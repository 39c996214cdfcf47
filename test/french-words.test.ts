import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { amountInFrenchWords, numberInFrenchWords } from '../src/shared/french-words.ts';

describe('numbers and amounts in French words (traditional spelling)', () => {
  const numbers: Array<[number, string]> = [
    [0, 'zéro'],
    [1, 'un'],
    [10, 'dix'],
    [16, 'seize'],
    [17, 'dix-sept'],
    [20, 'vingt'],
    [21, 'vingt et un'],
    [22, 'vingt-deux'],
    [31, 'trente et un'],
    [61, 'soixante et un'],
    [69, 'soixante-neuf'],
    [70, 'soixante-dix'],
    [71, 'soixante et onze'],
    [72, 'soixante-douze'],
    [79, 'soixante-dix-neuf'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [90, 'quatre-vingt-dix'],
    [91, 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf'],
    [100, 'cent'],
    [101, 'cent un'],
    [123, 'cent vingt-trois'],
    [180, 'cent quatre-vingts'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [280, 'deux cent quatre-vingts'],
    [999, 'neuf cent quatre-vingt-dix-neuf'],
    [1000, 'mille'],
    [1001, 'mille un'],
    [1100, 'mille cent'],
    [1980, 'mille neuf cent quatre-vingts'],
    [2000, 'deux mille'],
    [2026, 'deux mille vingt-six'],
    [21_000, 'vingt et un mille'],
    [80_000, 'quatre-vingt mille'],
    [200_000, 'deux cent mille'],
    [280_000, 'deux cent quatre-vingt mille'],
    [999_999, 'neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf'],
    [1_000_000, 'un million'],
    [1_000_001, 'un million un'],
    [2_000_000, 'deux millions'],
    [80_000_000, 'quatre-vingts millions'],
    [200_000_000, 'deux cents millions'],
    [201_000_000, 'deux cent un millions'],
    [1_200_300, 'un million deux cent mille trois cents'],
    [1_000_000_000, 'un milliard'],
  ];
  for (const [n, words] of numbers) {
    test(`when ${n} is written out, then it reads "${words}"`, () => assert.equal(numberInFrenchWords(n), words));
  }

  const amounts: Array<[number, string]> = [
    [12_340, 'cent vingt-trois euros et quarante centimes'],
    [100, 'un euro'],
    [101, 'un euro et un centime'],
    [199, 'un euro et quatre-vingt-dix-neuf centimes'],
    [200, 'deux euros'],
    [8_000, 'quatre-vingts euros'],
    [8_100, 'quatre-vingt-un euros'],
    [7_100, 'soixante et onze euros'],
    [20_000, 'deux cents euros'],
    [20_100, 'deux cent un euros'],
    [100_000, 'mille euros'],
    [200_000, 'deux mille euros'],
    [100_000_000, 'un million d’euros'],
    [300_000_000, 'trois millions d’euros'],
    [100_000_100, 'un million un euros'],
    [0, 'zéro euro'],
    [1, 'un centime'],
    [80, 'quatre-vingts centimes'],
    [2_171, 'vingt et un euros et soixante et onze centimes'],
    [4_999, 'quarante-neuf euros et quatre-vingt-dix-neuf centimes'],
  ];
  for (const [cents, words] of amounts) {
    test(`when ${cents} cents are written out, then they read "${words}"`, () => assert.equal(amountInFrenchWords(cents), words));
  }

  test('when the amount is not a whole non-negative number of cents, then it is refused', () => {
    assert.throws(() => amountInFrenchWords(-1), RangeError);
    assert.throws(() => amountInFrenchWords(1.5), RangeError);
    assert.throws(() => numberInFrenchWords(1e12), RangeError);
  });
});
