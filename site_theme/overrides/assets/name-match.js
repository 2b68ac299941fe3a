// Organisation names matched as the validator matches them (generator/content/schema_check.py,
// closest_names): rapidfuzz's default_process, token_sort_ratio and token_set_ratio, written out
// from rapidfuzz's own description of them (its pure-Python fuzz_py.py). tests/validator/
// test_form_rules.py runs the same vectors through rapidfuzz and through this file.
//
// One known difference: rapidfuzz's table of letters and digits stops at an older Unicode than
// the browser's, so a letter added to Unicode since (none is in an English organisation name)
// is a word here and a separator there.

// Everything but letters and digits separates words, the underscore included.
const SEPARATOR = /[^\p{L}\p{N}]/gu;

export function defaultProcess(text) {
  return lowerEach(text.replace(SEPARATOR, " ")).trim();
}

// Letter by letter, as rapidfuzz lowers: "İ" becomes "i", not "i" and a combining dot.
function lowerEach(text) {
  return Array.from(text, (letter) => {
    const lower = letter.toLowerCase();
    return Array.from(lower).length === 1 ? lower : lower.charAt(0);
  }).join("");
}

function words(text) {
  return text.split(" ").filter(Boolean);
}

// Python compares text by code point; JavaScript's < compares UTF-16 units.
function byCodePoint(a, b) {
  const [left, right] = [Array.from(a), Array.from(b)];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = left[index].codePointAt(0) - right[index].codePointAt(0);
    if (difference) return difference;
  }
  return left.length - right.length;
}

function sortedJoin(list) {
  return [...list].sort(byCodePoint).join(" ");
}

// Insertions and deletions needed to turn one text into the other: both lengths less twice the
// longest common subsequence, counted in code points.
function indelDistance(a, b) {
  const [left, right] = [Array.from(a), Array.from(b)];
  let previous = new Array(right.length + 1).fill(0);
  for (const letter of left) {
    const row = [0];
    right.forEach((other, index) => {
      row.push(letter === other ? previous[index] + 1 : Math.max(previous[index + 1], row[index]));
    });
    previous = row;
  }
  return left.length + right.length - 2 * previous[right.length];
}

function normDistance(distance, lengths) {
  return lengths ? 100 - (100 * distance) / lengths : 100;
}

function length(text) {
  return Array.from(text).length;
}

// rapidfuzz's ratio is a similarity from 0 to 1, times 100: the same figure in its last digits.
export function ratio(a, b) {
  const lengths = length(a) + length(b);
  return lengths ? (1 - indelDistance(a, b) / lengths) * 100 : 100;
}

export function tokenSortRatio(a, b) {
  return ratio(sortedJoin(words(a)), sortedJoin(words(b)));
}

export function tokenSetRatio(a, b) {
  const [left, right] = [new Set(words(a)), new Set(words(b))];
  if (!left.size || !right.size) return 0;
  const shared = [...left].filter((word) => right.has(word));
  const onlyLeft = [...left].filter((word) => !right.has(word));
  const onlyRight = [...right].filter((word) => !left.has(word));
  if (shared.length && (!onlyLeft.length || !onlyRight.length)) return 100;
  const [leftRest, rightRest] = [sortedJoin(onlyLeft), sortedJoin(onlyRight)];
  const sharedLength = length(shared.join(" "));
  const joiner = sharedLength ? 1 : 0;
  const withLeft = sharedLength + joiner + length(leftRest);
  const withRight = sharedLength + joiner + length(rightRest);
  const rests = normDistance(indelDistance(leftRest, rightRest), withLeft + withRight);
  if (!sharedLength) return rests;
  return Math.max(rests, normDistance(joiner + length(leftRest), sharedLength + withLeft),
                  normDistance(joiner + length(rightRest), sharedLength + withRight));
}

// The names to suggest for `value`, best first, with the validator's thresholds (proposal_rules()).
export function closestNames(value, options, { similarity, commonShare }) {
  const common = commonWords(options, commonShare);
  const wanted = distinctive(value, common);
  const query = defaultProcess(value);
  return options
    .map((option, index) => ({ option, index, score: tokenSortRatio(query, defaultProcess(option)) }))
    .filter(({ score }) => score >= similarity)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .filter(({ option }) => {
      const own = distinctive(option, common);
      return !(wanted && own) || tokenSetRatio(wanted, own) >= similarity;
    })
    .map(({ option }) => option);
}

const commonByOptions = new WeakMap();

// Words in many names ("fire", "police", "service") say what kind of body it is, not which.
function commonWords(options, share) {
  if (!commonByOptions.has(options)) {
    const counts = new Map();
    for (const option of options) {
      for (const word of new Set(words(defaultProcess(option)))) counts.set(word, (counts.get(word) || 0) + 1);
    }
    const least = Math.max(2, options.length * share);
    commonByOptions.set(options, new Set([...counts].filter(([, count]) => count >= least).map(([word]) => word)));
  }
  return commonByOptions.get(options);
}

function distinctive(name, common) {
  return words(defaultProcess(name)).filter((word) => !common.has(word)).join(" ");
}
