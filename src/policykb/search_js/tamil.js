/* policykb: the Tamil noun stemmer of policykb/tamil.py, rule for rule. */
var TamilStemmer = (() => {
  const PULLI = "\u0bcd";
  const VOWEL_SIGNS = "\u0bbe\u0bbf\u0bc0\u0bc1\u0bc2\u0bc6\u0bc7\u0bc8\u0bca\u0bcb\u0bcc";
  const ENDINGS = [
    "ை", "ின்", "ினை", "ினால்", "ினுடைய", "ில்", "ிலே", "ிலும்", "ிலிருந்து", "ிடம்",
    "ிடமிருந்து", "ிற்கு", "ிற்காக", "ுக்கு", "ுக்காக", "ுடன்", "ுடைய", "ோடு", "ால்",
    "ாக", "ான", "ும்", "ே", "ோ", "க்கு", "க்காக",
  ].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const PLURALS = ["கள்"];
  const SANDHI = "கசதப";
  const MAX_ROUNDS = 5;
  const isSign = (char) => char !== undefined && VOWEL_SIGNS.includes(char);
  const baseLetters = (word) => word.replace(/\p{M}/gu, "").length;

  const cut = (word, ending) => {
    if (!word.endsWith(ending)) return null;
    let rest = word.slice(0, -ending.length);
    if (isSign(ending[0])) rest += PULLI;
    return baseLetters(rest) >= 2 ? rest : null;
  };

  const normalize = (input) => {
    let word = input;
    if (word.endsWith("\u0bc1") && baseLetters(word) >= 2) word = word.slice(0, -1) + PULLI;
    const tail = word.slice(-2);
    if ((tail === "ய்" || tail === "வ்") && word.length > 2 && isSign(word[word.length - 3])) {
      word = word.slice(0, -2);
    }
    if (word.endsWith("த்த்") && baseLetters(word) >= 4) word = word.slice(0, -4) + "ம்";
    else if (word.endsWith("ங்") && baseLetters(word) >= 3) word = word.slice(0, -2) + "ம்";
    const n = word.length;
    if (n >= 4 && word[n - 1] === PULLI && word[n - 3] === PULLI
        && word[n - 2] === word[n - 4]) word = word.slice(0, -2);
    return word;
  };

  const stripOnce = (word) => {
    for (const ending of ENDINGS) {
      const rest = cut(word, ending);
      if (rest !== null && (ending[0] !== "க" || isSign(rest[rest.length - 1]))) {
        return normalize(rest);
      }
    }
    for (const plural of PLURALS) {
      let rest = cut(word, plural);
      if (rest !== null) {
        if (rest.endsWith("ட்")) rest = rest.slice(0, -2) + "ள்";
        else if (rest.endsWith("ற்")) rest = rest.slice(0, -2) + "ல்";
        return normalize(rest);
      }
    }
    return normalize(word);
  };

  return (input) => {
    let word = input.normalize("NFC");
    if (!/[\u0b80-\u0bff]/.test(word)) return word.toLowerCase();
    const n = word.length;
    if (n > 2 && word[n - 1] === PULLI && SANDHI.includes(word[n - 2])
        && word[n - 3] !== PULLI && baseLetters(word) >= 3) word = word.slice(0, -2);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const before = word;
      word = stripOnce(word);
      if (word === before) break;
    }
    return word;
  };
})();
