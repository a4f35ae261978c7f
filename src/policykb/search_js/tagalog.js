/* policykb: the Tagalog stemmer of policykb/tagalog.py, rule for rule. */
var TagalogStemmer = (() => {
  const VOWELS = "aeiou";
  const PREFIXES = [
    "pakikipag", "makipag", "nakipag", "ipinag", "ipina", "pinaka", "pinag", "pagka",
    "nakaka", "makaka", "mapag", "napag", "naka", "maka", "ipag", "pina", "paki", "maki",
    "naki", "taga", "mag", "nag", "pag", "tag", "ika", "ipa", "ka", "ma",
    "na", "pa", "um", "in", "ni", "i"].sort((a, b) =>
    b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const SUFFIXES = ["han", "hin", "an", "in"];
  const MAX_ROUNDS = 4;
  const isVowel = (char) => char !== undefined && VOWELS.includes(char);
  const vowels = (text) => [...text].filter(isVowel).length;
  const rootLike = (text) => text.length >= 3 && vowels(text) >= 2;

  const stripLigature = (word) =>
    word.endsWith("ng") && word.length > 2 && isVowel(word[word.length - 3])
      && rootLike(word.slice(0, -2)) ? word.slice(0, -2) : word;

  const stripSuffix = (word) => {
    for (const suffix of SUFFIXES) {
      const rest = word.slice(0, -suffix.length);
      if (word.endsWith(suffix) && rootLike(rest)
          && (suffix[0] !== "h" || isVowel(rest[rest.length - 1]))) return rest;
    }
    return word;
  };

  const stripPrefix = (word) => {
    for (const prefix of PREFIXES) {
      const rest = word.slice(prefix.length);
      if (!word.startsWith(prefix) || !rootLike(rest)) continue;
      if ((prefix === "um" || prefix === "in") && !isVowel(rest[0])) continue;
      if (prefix === "ni" && !"lyw".includes(rest[0])) continue;
      return rest;
    }
    return word;
  };

  const stripInfix = (word) => {
    const mid = word.slice(1, 3);
    if (word.length > 4 && !isVowel(word[0]) && (mid === "um" || mid === "in")
        && isVowel(word[3]) && rootLike(word[0] + word.slice(3))) {
      return word[0] + word.slice(3);
    }
    return word;
  };

  const stripReduplication = (word) => {
    if (word.length >= 4 && !isVowel(word[0]) && isVowel(word[1])
        && word.slice(2, 4) === word.slice(0, 2) && rootLike(word.slice(2))) {
      return word.slice(2);
    }
    if (word.length >= 3 && isVowel(word[0]) && word[1] === word[0]
        && rootLike(word.slice(1))) return word.slice(1);
    return word;
  };

  const stripFront = (input) => {
    let word = input;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const before = word;
      word = stripReduplication(stripInfix(stripPrefix(word)));
      if (word === before) break;
    }
    return word;
  };

  const stem = (input, suffixFirst = true) => {
    let word = input.toLowerCase();
    if (word.length < 4 || !/^[a-zñ]+$/.test(word)) return word;
    word = stripLigature(word);
    word = suffixFirst ? stripFront(stripSuffix(word)) : stripSuffix(stripFront(word));
    word = word.replace(/u/g, "o");
    if (word.endsWith("r")) word = word.slice(0, -1) + "d";
    return stripLigature(word);
  };

  const alternatives = (input) => {
    const word = input.toLowerCase();
    const found = [];
    if (word.length < 4 || !/^[a-zñ]+$/.test(word)) return found;
    if (word.endsWith("ng") && isVowel(word[word.length - 3])) found.push(word.slice(0, -1));
    for (const suffix of ["an", "in"]) {
      const rest = word.slice(0, -suffix.length);
      if (!word.endsWith(suffix) || rest.length < 3) continue;
      const [before, last] = [rest[rest.length - 2], rest[rest.length - 1]];
      if (!isVowel(before) && !isVowel(last) && !rest.endsWith("ng")) {
        for (const vowel of "aiou") found.push(rest.slice(0, -1) + vowel + last + suffix);
      } else if (isVowel(before) && !isVowel(last) && vowels(rest) < 2) {
        for (const vowel of "aiou") found.push(rest + vowel + "h" + suffix);
      }
    }
    if (["nag", "mag", "pag"].includes(word.slice(0, 3)) && isVowel(word[3])) {
      found.push(word.slice(2));
    }
    return found;
  };

  const readings = (word) => {
    const found = [stem(word)];
    const others = [stem(word, false), ...alternatives(word).map((other) => stem(other))];
    for (const other of others) if (!found.includes(other)) found.push(other);
    return found;
  };

  return { stem, alternatives, readings };
})();

/* A query word takes the reading that most pages of the index hold. */
const tagalogQueryStem = (word) => {
  const found = TagalogStemmer.readings(word);
  const index = typeof Search === "undefined" ? null : Search._index;
  if (!index) return found[0];
  const pages = (term) => {
    let count = 0;
    for (const part of [index.terms, index.titleterms]) {
      if (Object.prototype.hasOwnProperty.call(part, term)) count += [].concat(part[term]).length;
    }
    return count;
  };
  let best = found[0];
  let most = pages(best);
  for (const reading of found.slice(1)) {
    const count = pages(reading);
    if (count > most) [best, most] = [reading, count];
  }
  return best;
};
