/* policykb: a Ukrainian query word becomes the lemma the index holds, through the
   form -> lemma table the build wrote for this site (policykb/ukrainian.py). */
var UkrainianLemmas = (() => {
  let table = null;
  const decode = () => {
    table = new Map();
    const grouped = typeof POLICYKB_LEMMAS === "undefined" ? {} : POLICYKB_LEMMAS;
    for (const [lemma, edits] of Object.entries(grouped)) {
      for (const edit of edits.split(" ")) {
        const match = /^(\d+)(.*)$/u.exec(edit);
        if (!match) continue;
        const drop = Number(match[1]);
        table.set(lemma.slice(0, lemma.length - drop) + match[2], lemma);
      }
    }
    for (const lemma of Object.keys(grouped)) if (!table.has(lemma)) table.set(lemma, lemma);
  };
  return (input) => {
    if (table === null) decode();
    const word = input.toLowerCase();
    return table.get(word) ?? word;
  };
})();
