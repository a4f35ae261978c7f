/* policykb: fill in your details once, see every template written with them.
 *
 * Values live in localStorage only (one store for every page and language of the
 * site) and are written into pages as text, never as HTML. Numbers, money, days
 * and times are formatted with Intl for the page's language; a clause with a
 * count shows the plural form chosen by the same rule the build used.
 *
 * "Where do you sell?" picks a country profile: its defaults (phone numbers, currency,
 * time zone, authorities), its clock and the amounts in its currency fill every value
 * the business has not typed. A typed value is never replaced by a change of country.
 */
(() => {
  "use strict";

  const STORE = "policykb.values";
  const COUNTRY = "@country";  // beside the values in the store; never a variable name
  const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const source = document.getElementById("pkb-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const locale = data.intl;
  const pageRule = new Function("n", `return +(${data.plural});`);
  const englishRule = (n) => (n === 1 ? 0 : 1);

  /* -- storage ------------------------------------------------------------- */

  const load = () => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (error) {
      return {};
    }
  };
  const save = (stored) => {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(stored));
    } catch (error) {
      /* storage off or full: the page still works for this visit */
    }
  };
  let stored = load();
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object || {}, key);
  // the page's own country, and every other from the site's countries/<lang>.js
  const countries = Object.assign({}, window.policykbCountries || {}, data.countries || {});
  /** The chosen country: the business's choice, else the site's. */
  const countryId = () => (has(countries, stored[COUNTRY]) ? stored[COUNTRY] : data.country);
  const country = () => countries[countryId()] || { hourCycle: null, defaults: {} };

  /** An amount written at the library's price level, in ``currency``: times its factor,
   *  rounded to its step (policykb/countries.py scale_amount). */
  const scaleAmount = (base, currency) => {
    const scale = (data.moneyScale || {})[currency] || { factor: 1, step: 1 };
    let steps = Math.round((base * scale.factor) / scale.step + 1e-9);
    if (base > 0 && steps === 0) steps = 1;
    return steps * scale.step;
  };

  /** The settings (defaults) of the kit chosen in the builder, if any. */
  const kitSettings = () => {
    const choice = document.querySelector(".pkb-builder .pkb-kit-choice");
    return (choice && (data.kitDefaults || {})[choice.value]) || {};
  };

  const valueOf = (name) => {
    const definition = data.variables[name];
    if (has(stored, name) && isValid(definition, stored[name])) return stored[name];
    if (!definition) return null;
    if (has(kitSettings(), name)) return kitSettings()[name];
    if (definition.type === "money" && typeof definition.base === "number") {
      return scaleAmount(definition.base, currencyOf(definition));
    }
    if (definition.country) {
      const value = country().defaults[definition.country];
      return value === undefined ? null : value;
    }
    return definition.default;
  };

  /* -- checks: the same rules as the build (policykb/loader.py) ------------ */

  const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  const PHONE = /^\+?[0-9][0-9 ().\-]{4,}$/;
  const isValid = (definition, value) => {
    if (!definition) return false;
    switch (definition.type) {
      case "text": return typeof value === "string";
      case "email": return typeof value === "string" && EMAIL.test(value);
      case "phone": return typeof value === "string" && PHONE.test(value);
      case "url": return typeof value === "string" && /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);
      case "count": return Number.isInteger(value) && value >= 0 && value <= 1e9;
      case "money": return typeof value === "number" && isFinite(value) && value >= 0 && value <= 1e12;
      case "percentage": return typeof value === "number" && value >= 0 && value <= 100;
      case "yesno": return typeof value === "boolean";
      case "choice": return typeof value === "string" && value in (definition.options || {});
      case "currency": return typeof value === "string" && /^[A-Z]{3}$/.test(value);
      case "weekdays": return Array.isArray(value) && value.every((d) => WEEKDAYS.includes(d));
      case "hours": return Array.isArray(value) && value.every((entry) =>
        entry && Array.isArray(entry.days) && /^\d\d:\d\d$/.test(entry.opens) &&
        /^\d\d:\d\d$/.test(entry.closes) && entry.closes > entry.opens);
      default: return false;
    }
  };

  /* -- formatting with Intl (the browser's CLDR data) ----------------------
   * The rules of policykb/formatting.py (format_value) written with Intl; the table
   * tests/data/value_formats.json holds cases that both must write alike. */

  const dayName = (code, loc) => new Intl.DateTimeFormat(loc, { weekday: "long", timeZone: "UTC" })
    .format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(code))));
  const list = (items, loc) => new Intl.ListFormat(loc, { type: "conjunction" }).format(items);
  /** 09:00 or 9:00 AM on the clock ``cycle`` (h23, h12, or none: the locale's own), a
   *  no-break space before a day period (formatting.py format_time_of_day). */
  const timeOfDay = (text, loc, cycle) => {
    const [hours, minutes] = text.split(":").map(Number);
    const moment = new Date(Date.UTC(2024, 0, 1, hours, minutes));
    const options = cycle ? { hour: cycle === "h23" ? "2-digit" : "numeric", minute: "2-digit", hourCycle: cycle }
      : { timeStyle: "short" };
    return new Intl.DateTimeFormat(loc, { ...options, timeZone: "UTC" }).format(moment)
      .replace(/[ \u202f]/g, "\u00a0");
  };
  const time = (text) => timeOfDay(text, locale, country().hourCycle);
  const byWeekday = (days) => [...days].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const daySpan = (days, loc) => {
    const runs = [];
    byWeekday(days).forEach((day) => {
      const last = runs[runs.length - 1];
      if (last && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(last[last.length - 1]) + 1) last.push(day);
      else runs.push([day]);
    });
    return list(runs.map((run) => (run.length === 1 ? dayName(run[0], loc)
      : `${dayName(run[0], loc)}–${dayName(run[run.length - 1], loc)}`)), loc);
  };
  function currencyOf(definition) {
    return (definition.currencyVar && valueOf(definition.currencyVar)) || definition.currency || "EUR";
  }

  /** A number by a CLDR pattern of the page's language as Babel has it (page data
   *  "numbers"): prefix, grouping (the last group, then the others), decimal symbol,
   *  between ``minFraction`` and ``maxFraction`` digits after it, suffix. */
  const numbers = data.numbers;
  const byPattern = (pattern, value, minFraction, maxFraction) => {
    let [whole, fraction = ""] = Math.abs(value).toFixed(maxFraction).split(".");
    while (fraction.length > minFraction && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
    let grouped = "";
    let size = pattern.grouping[0];
    while (whole.length > size) {
      grouped = numbers.group + whole.slice(-size) + grouped;
      whole = whole.slice(0, -size);
      size = pattern.grouping[1];
    }
    return pattern.prefix + whole + grouped + (fraction ? numbers.decimal + fraction : "") + pattern.suffix;
  };

  /** ``value`` of a variable of ``type`` as a reader of ``loc`` expects it (numbers by
   *  the page language's patterns); money in ``currency`` with the sign and digits the
   *  build uses, times on the clock ``cycle``. Choice and yes/no values are labels: see format. */
  const formatValue = (type, value, loc, currency, cycle) => {
    switch (type) {
      case "count": return byPattern(numbers.patterns.decimal, value, 0, 3);
      case "money": {
        const digits = numbers.currencyDigits[currency] ?? 2;
        return byPattern(numbers.patterns.currency, value, digits, digits)
          .replace("¤", (data.currencySymbols || {})[currency] || currency);
      }
      case "percentage": {
        const digits = (String(value).split(".")[1] || "").length;
        return byPattern(numbers.patterns.percent, value, 0, digits);
      }
      case "currency": return numbers.currencyNames[value]
        || new Intl.DisplayNames(loc, { type: "currency" }).of(value);
      case "weekdays": return list(byWeekday(value).map((day) => dayName(day, loc)), loc);
      case "hours": return list(value.map((entry) =>
        `${daySpan(entry.days, loc)} ${timeOfDay(entry.opens, loc, cycle)}–${timeOfDay(entry.closes, loc, cycle)}`), loc);
      default: return String(value);
    }
  };

  const format = (name) => {
    const definition = data.variables[name];
    const value = valueOf(name);
    if (!definition) return "";
    if (value === null || value === undefined || value === "") return `[${definition.label}]`;
    if (definition.type === "choice") return definition.options[value];
    if (definition.type === "yesno") return value ? data.yes : data.no;
    return formatValue(definition.type, value, locale, currencyOf(definition), country().hourCycle);
  };

  /** The text after a value: a value that ends with a full stop ("Α.Ε.") takes the place
   *  of the one that follows it (policykb/formatting.py after_value). */
  const afterValue = (value, following) =>
    (value.endsWith(".") && following.startsWith(".") && !following.startsWith("..")
      ? following.slice(1) : following);

  /* -- rendering ----------------------------------------------------------- */

  const applies = (clause) => {
    if (!clause.dataset.when) return true;
    const wanted = JSON.parse(clause.dataset.when);
    return Object.keys(wanted).every((name) => valueOf(name) === wanted[name]);
  };

  const renderPage = () => {
    document.querySelectorAll(".pkb-var[data-var]").forEach((element) => {
      const name = element.dataset.var;
      if (!data.variables[name]) return;
      element.textContent = format(name);
      element.classList.toggle("pkb-var--empty", valueOf(name) === null);
      element.classList.toggle("pkb-var--yours", Object.prototype.hasOwnProperty.call(stored, name));
    });
    document.querySelectorAll(".pkb-unit[data-unit-of]").forEach((unit) => {
      const definition = data.variables[unit.dataset.unitOf];
      if (!definition || !definition.unitForms) return;
      const forms = definition.unitForms;
      unit.textContent = forms[Math.min(pageRule(valueOf(unit.dataset.unitOf) ?? 0), forms.length - 1)];
    });
    document.querySelectorAll(".pkb-clause").forEach((clause) => {
      clause.hidden = !applies(clause);
      clause.classList.remove("pkb-clause--off");
      const count = clause.dataset.count;
      if (count && data.variables[count]) {
        const rule = clause.dataset.plural === "en" ? englishRule : pageRule;
        const forms = clause.querySelectorAll(".pkb-form");
        const shown = Math.min(rule(valueOf(count)), forms.length - 1);
        forms.forEach((form, index) => { form.hidden = index !== shown; });
      }
    });
    document.querySelectorAll(".pkb-when").forEach((label) => { label.hidden = true; });
    document.querySelectorAll("li").forEach((item) => {
      const clause = item.querySelector(":scope > .pkb-clause");
      if (clause) item.hidden = clause.hidden;
    });
    // a heading whose clauses are all switched off goes too
    document.querySelectorAll("section").forEach((section) => {
      if (section.id === "template" || section.classList.contains("pkb-kit-part")) return;
      const clauses = section.querySelectorAll(".pkb-clause");
      if (clauses.length) section.hidden = [...clauses].every((clause) => clause.hidden);
    });
    document.querySelectorAll("[data-currency-of]").forEach((unit) => {
      unit.textContent = currencyOf(data.variables[unit.dataset.currencyOf]);
    });
    document.querySelectorAll(".pkb-country-note[data-country]").forEach((note) => {
      note.hidden = note.dataset.country !== countryId();
    });
    // warnings against the chosen country's law (policykb/countries.py warning_holds)
    document.querySelectorAll(".pkb-warning[data-fact]").forEach((warning) => {
      const source = (country().facts || {})[warning.dataset.fact];
      const wanted = warning.dataset.when ? JSON.parse(warning.dataset.when) : {};
      let holds = Boolean(source) && Object.keys(wanted).every((name) => valueOf(name) === wanted[name]);
      if (holds && warning.dataset.below) {
        const [value, minimum] = JSON.parse(warning.dataset.below).map(valueOf);
        holds = value !== null && minimum !== null && value < minimum;
      }
      warning.hidden = !holds;
      const link = warning.querySelector(".pkb-source");
      if (link && source) { link.href = source; link.textContent = source; }
    });
    document.querySelectorAll(".pkb-stop").forEach((stop) => {
      const value = stop.previousElementSibling;
      stop.textContent = afterValue(value ? value.textContent : "", ".");
    });
  };

  /** True while a variable is asked: its ``when`` holds, and so do those of the variables
   *  it names (as policykb/model.py clause_conditions folds them into a clause's). */
  const asked = (name, seen = new Set()) => {
    const wanted = (data.variables[name] || {}).when;
    if (!wanted || seen.has(name)) return true;
    seen.add(name);
    return Object.keys(wanted).every((other) => valueOf(other) === wanted[other] && asked(other, seen));
  };
  /** A field that does not apply is hidden (its value reaches no document: the model's
   *  conditions hold the variable's ``when`` too). */
  const showAskedFields = () => {
    if (!form) return;
    Object.keys(data.variables).forEach((name) => {
      const element = field(name);
      if (element) element.hidden = !asked(name);
    });
  };

  /** The page, and on the builder page the document, written with the current values. */
  const render = () => {
    renderPage();
    showAskedFields();
    if (builder && ready()) {
      if (previewShown()) showDocument();
      countSamples();
    }
  };

  /* -- the form -------------------------------------------------------------- */

  const form = document.getElementById("pkb-details");
  const fields = new Map();  // name -> its field (or null); fields move, never leave the form
  const field = (name) => {
    if (!fields.has(name)) fields.set(name, form.querySelector(`[data-field="${CSS.escape(name)}"]`));
    return fields.get(name);
  };

  const readField = (name) => {
    const definition = data.variables[name];
    const element = field(name);
    const input = element.querySelector(`[name="${CSS.escape(name)}"]`);
    switch (definition.type) {
      case "count": return input.value === "" ? null : Number(input.value);
      case "money":
      case "percentage": return input.value === "" ? null : Number(input.value);
      case "yesno": return input.checked;
      case "weekdays": return [...element.querySelectorAll("input:checked")].map((box) => box.value);
      case "hours": {
        const groups = new Map();
        element.querySelectorAll(".pkb-hours-row").forEach((row) => {
          const day = row.dataset.day;
          const open = row.querySelector(`[name$="-open"]`).checked;
          const opens = row.querySelector(`[name$="-opens"]`).value;
          const closes = row.querySelector(`[name$="-closes"]`).value;
          if (!open) return;
          const key = `${opens}|${closes}`;
          if (!groups.has(key)) groups.set(key, { days: [], opens, closes });
          groups.get(key).days.push(day);
        });
        return [...groups.values()];
      }
      default: return input.value;
    }
  };

  const fillField = (name) => {
    const definition = data.variables[name];
    const element = field(name);
    if (!element) return;
    const value = valueOf(name);
    const input = element.querySelector(`[name="${CSS.escape(name)}"]`);
    if (definition.type === "yesno") input.checked = Boolean(value);
    else if (definition.type === "weekdays") {
      element.querySelectorAll("input").forEach((box) => { box.checked = (value || []).includes(box.value); });
    } else if (definition.type === "hours") {
      element.querySelectorAll(".pkb-hours-row").forEach((row) => {
        const entry = (value || []).find((item) => item.days.includes(row.dataset.day));
        row.querySelector(`[name$="-open"]`).checked = Boolean(entry);
        row.querySelector(`[name$="-opens"]`).value = entry ? entry.opens : "";
        row.querySelector(`[name$="-closes"]`).value = entry ? entry.closes : "";
      });
    } else input.value = value === null || value === undefined ? "" : String(value);
  };

  const showError = (name, message) => {
    const error = document.getElementById(`pkb-e-${name}`);
    const element = field(name);
    error.textContent = message || "";
    error.hidden = !message;
    element.querySelectorAll("input, select").forEach((input) => {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  };

  const changed = (name) => {
    const definition = data.variables[name];
    const value = readField(name);
    const empty = value === null || value === "";
    if (empty && ["text", "email", "phone", "url"].includes(definition.type)) {
      delete stored[name];
      showError(name, "");
    } else if (empty || !isValid(definition, value)) {
      showError(name, data.messages[definition.type] || "");
      return;
    } else {
      stored[name] = value;
      showError(name, "");
    }
    save(stored);
    render();
  };

  /** The field of ``name`` shows its value and saves what the business types. */
  const wire = (name) => {
    const element = field(name);
    if (!element) return;
    fillField(name);
    element.addEventListener("input", () => changed(name));
    element.addEventListener("change", () => changed(name));
  };

  if (form) {
    Object.keys(data.variables).forEach(wire);
    const countryChoice = form.querySelector("#pkb-country");
    if (countryChoice) {
      countryChoice.value = countryId();
      countryChoice.addEventListener("change", () => {
        stored[COUNTRY] = countryChoice.value;
        save(stored);
        Object.keys(data.variables).forEach(fillField);  // typed values stay: fillField shows them
        render();
      });
    }
    form.querySelector(".pkb-clear").addEventListener("click", () => {
      Object.keys(data.variables).forEach((name) => { delete stored[name]; });
      delete stored[COUNTRY];
      if (countryChoice) countryChoice.value = countryId();
      save(stored);
      Object.keys(data.variables).forEach((name) => { fillField(name); showError(name, ""); });
      render();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    document.querySelectorAll(".pkb-static-values").forEach((section) => { section.hidden = true; });
  }

  window.addEventListener("storage", (event) => {
    if (event.key !== STORE) return;
    stored = load();
    const countryChoice = form && form.querySelector("#pkb-country");
    if (countryChoice) countryChoice.value = countryId();
    Object.keys(data.variables).forEach(fillField);
    render();
  });

  /* -- documents: the document model rendered (policykb/docmodel.py) -------------
   * The build writes each kit's model (blocks, the documents each goes in, headings,
   * runs of list clauses, clauses with their conditions and translated segments) into
   * the kit's file beside the builder page (fetched when the kit is chosen: loadKit) and
   * the frame's words into the page; here it is rendered with the business's values
   * exactly as `policykb assemble` renders it (render_model in policykb/assemble.py). */

  const models = data.documents || { kits: {}, frame: null };

  /** Text safe for every format: line breaks become spaces, control characters go. */
  const clean = (text) => text.replace(/[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+/g, " ")
    .replace(/[\p{Cc}\p{Cs}\ufffe\uffff]/gu, "");
  /** Runs cleaned, merged where the style is the same, without outer spaces (_tidy). */
  const tidy = (runs) => {
    const merged = [];
    runs.forEach((run) => {
      const text = clean(run.text);
      if (!text) return;
      const last = merged[merged.length - 1];
      if (last && last.strong === run.strong && last.emphasis === run.emphasis) last.text += text;
      else merged.push({ text, strong: run.strong, emphasis: run.emphasis });
    });
    if (merged.length) {
      merged[0].text = merged[0].text.trimStart();
      merged[merged.length - 1].text = merged[merged.length - 1].text.trimEnd();
    }
    return merged.filter((run) => run.text);
  };
  /** Variables marked sample whose value the business has not typed (a sample shown). */
  const isSample = (name) => Boolean((data.variables[name] || {}).sample) && !has(stored, name);
  let samplesShown = null;  // while a document is built: the samples it shows, by name
  const placeholder = (name) => {
    const written = format(name) || `{${name}}`;
    if (samplesShown && isSample(name) && !samplesShown.has(name)) samplesShown.set(name, written);
    return written;
  };
  const fill = (segments) => {
    const runs = [];
    let filled = "";
    segments.forEach((segment) => {
      let text;
      if (segment.v !== undefined) {
        filled = placeholder(segment.v);
        text = filled;
      } else {
        text = afterValue(filled, segment.t);
        filled = "";
      }
      runs.push({ text, strong: segment.style === "strong", emphasis: segment.style === "em" });
    });
    return tidy(runs);
  };
  const plainRuns = (runs) => runs.map((run) => run.text).join("");
  const holds = (clause) => Object.keys(clause.when).every((name) => valueOf(name) === clause.when[name]);
  const sayClause = (clause) => {
    if (!clause.forms) return fill(clause.text.s);
    const rule = clause.en ? englishRule : pageRule;
    return fill(clause.forms[Math.min(rule(Number(valueOf(clause.count)) || 0), clause.forms.length - 1)].s);
  };
  const blockParts = (block, kind) => {
    const parts = [];
    block.groups.forEach((group) => {
      const body = [];
      group.runs.forEach((run) => {
        const shown = run.clauses.filter((clause) => (kind === null || clause.documents.includes(kind))
          && holds(clause)).map(sayClause);
        if (!shown.length) return;
        if (run.list === null) shown.forEach((content) => body.push({ paragraph: content }));
        else body.push({ list: shown, numbered: run.list === "numbered" });
      });
      if (body.length && group.heading) parts.push({ level: 3, heading: fill(group.heading.s) });
      parts.push(...body);
    });
    return parts;
  };

  /** A long date by the language's CLDR pattern (babel.dates.format_date "long"). */
  const longDate = (date) => {
    const words = models.frame.date;
    return words.pattern.replace(/'([^']*)'|y+|M+|L+|d+/g, (token, quoted) => {
      if (quoted !== undefined) return quoted === "" ? "'" : quoted;
      if (token[0] === "y") return token.length === 2 ? String(date.year % 100).padStart(2, "0") : String(date.year);
      if (token[0] === "d") return String(date.day).padStart(token.length, "0");
      if (token.length >= 3) return (token[0] === "L" ? words.standalone : words.months)[date.month - 1];
      return String(date.month).padStart(token.length, "0");
    });
  };
  const parseDate = (text) => {
    const [year, month, day] = text.split("-").map(Number);
    return { year, month, day };
  };
  /** A year later (the annual review); 29 February becomes 28 February (documents.Frame). */
  const nextYear = (date) => ({ year: date.year + 1, month: date.month,
    day: date.month === 2 && date.day === 29 ? 28 : date.day });
  const slot = (message, name, value) => message.split(`{${name}}`).join(value);

  /** The document ``kind`` of kit ``kitId`` ({title, parts, blocks}) effective from
   *  ``effective`` (YYYY-MM-DD) in ``version``; ``leftOut`` holds optional blocks switched off. */
  const buildDocument = (kitId, kind, effective, version, leftOut = new Set()) => {
    const model = models.kits[kitId];
    const words = models.frame;
    const date = parseDate(effective);
    samplesShown = new Map();
    const title = tidy([{ text: slot(words.titles[kind], "business_name", placeholder("business_name")), strong: false, emphasis: false }]);
    const lines = [slot(words.effective, "date", longDate(date)), slot(words.version, "version", version),
      slot(words.nextReview, "date", longDate(nextYear(date)))];
    if (country().territory) lines.push(slot(words.country, "country", country().name));
    lines.push(slot(words.language, "language", words.languageName));
    const parts = [{ level: 1, heading: title },
      ...lines.map((line) => ({ paragraph: tidy([{ text: line, strong: false, emphasis: false }]) }))];
    const shown = [];
    model.blocks.forEach((block) => {
      if (!block.documents.includes(kind) || leftOut.has(block.id)) return;
      const found = blockParts(block, kind);
      if (!found.length) return;
      parts.push({ level: 2, heading: fill(block.title.s) }, ...found);
      shown.push(block.id);
    });
    const samples = samplesShown;
    samplesShown = null;
    return { title: plainRuns(title), parts, blocks: shown, samples };
  };

  /* Markdown as `policykb assemble` writes it (render_markdown): text stays text, so
   * characters that start markup are escaped, and so is the start of a line that would
   * begin a heading, a quote, a list item or a table. */
  const MD_SPECIAL = /([\\`*_[<~])|&(?=#?[0-9A-Za-z]+;)/g;
  const MD_LINE_START = /^(?:[#>+=|-]|(\d{1,9})[.)])/;
  const mdInline = (runs) => {
    const line = runs.map((run) => {
      const text = run.text.replace(MD_SPECIAL, (found) => `\\${found}`);
      const core = text.trim();
      if (!core || !(run.strong || run.emphasis)) return text;
      const lead = text.slice(0, text.length - text.trimStart().length);
      const trail = text.slice(text.trimEnd().length);
      let styled = run.emphasis ? `_${core}_` : core;
      if (run.strong) styled = `**${styled}**`;
      return lead + styled + trail;
    }).join("");
    const start = line.match(MD_LINE_START);
    if (!start) return line;
    if (start[1] !== undefined) return `${start[1]}\\${line.slice(start[1].length)}`;
    return `\\${line}`;
  };
  const toMarkdown = (doc) => {
    const lines = [];
    doc.parts.forEach((part) => {
      if (part.heading) {
        let text = mdInline(part.heading);
        if (text.endsWith("#")) text = `${text.slice(0, -1)}\\#`;
        lines.push(`${"#".repeat(part.level)} ${text}`, "");
      } else if (part.paragraph) {
        lines.push(mdInline(part.paragraph), "");
      } else {
        part.list.forEach((item, index) => lines.push((part.numbered ? `${index + 1}. ` : "- ") + mdInline(item)));
        lines.push("");
      }
    });
    return `${lines.join("\n").replace(/\n+$/, "")}\n`;
  };
  /** Plain text (Copy): the same lines without markup. */
  const toText = (doc) => {
    const lines = [];
    doc.parts.forEach((part) => {
      if (part.heading) lines.push(plainRuns(part.heading), "");
      else if (part.paragraph) lines.push(plainRuns(part.paragraph), "");
      else {
        part.list.forEach((item, index) => lines.push((part.numbered ? `${index + 1}. ` : "- ") + plainRuns(item)));
        lines.push("");
      }
    });
    return `${lines.join("\n").replace(/\n+$/, "")}\n`;
  };

  /* HTML as `policykb assemble -o policy.html` writes it (render_html, html_page): the
   * page data's `htmlPage` with its slots filled; only headings, paragraphs, lists,
   * strong and em, every value escaped. */
  const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  const htmlText = (text) => text.replace(/[&<>"']/g, (found) => HTML_ESCAPES[found]);
  const htmlInline = (runs) => runs.map((run) => {
    let text = htmlText(run.text);
    if (run.emphasis) text = `<em>${text}</em>`;
    if (run.strong) text = `<strong>${text}</strong>`;
    return text;
  }).join("");
  const htmlBody = (doc, shift = 0) => doc.parts.map((part) => {
    if (part.heading) return `<h${part.level + shift}>${htmlInline(part.heading)}</h${part.level + shift}>`;
    if (part.paragraph) return `<p>${htmlInline(part.paragraph)}</p>`;
    const tag = part.numbered ? "ol" : "ul";
    return `<${tag}>${part.list.map((item) => `\n<li>${htmlInline(item)}</li>`).join("")}\n</${tag}>`;
  }).join("\n");

  /* A returns policy's schema.org data, by the rule of policykb/structured.py (return_policy):
   * the merchant and its MerchantReturnPolicy, when the document holds the return window. */
  const SCHEMA = "https://schema.org/";
  const returnPolicy = (doc) => {
    const shows = (block) => doc.blocks.includes(block);
    if (!shows("return-window")) return null;
    const days = Number(valueOf("return_days")) || 0;
    const policy = { "@type": "MerchantReturnPolicy" };
    const territory = country().territory;
    if (territory) Object.assign(policy, { applicableCountry: territory, returnPolicyCountry: territory });
    if (days <= 0) {
      policy.returnPolicyCategory = `${SCHEMA}MerchantReturnNotPermitted`;
    } else {
      Object.assign(policy, { returnPolicyCategory: `${SCHEMA}MerchantReturnFiniteReturnWindow`, merchantReturnDays: days });
      const methods = [["sells_online", "ReturnByMail"], ["sells_in_shop", "ReturnInStore"]]
        .filter(([name]) => valueOf(name)).map(([, method]) => SCHEMA + method);
      if (methods.length) policy.returnMethod = methods.length > 1 ? methods : methods[0];
      const shipsBack = Boolean(valueOf("sells_online"));
      const shipping = shows("online-returns-shipping") ? valueOf("return_shipping") : null;
      if (shows("restocking-fee") && valueOf("charge_fee")) {
        Object.assign(policy, { returnFees: `${SCHEMA}RestockingFees`, restockingFee: Number(valueOf("fee_percent")) });
      } else if (shipsBack && shipping !== null && shipping !== "free") {
        policy.returnFees = `${SCHEMA}ReturnShippingFees`;
      } else if (shows("restocking-fee") && (!shipsBack || shipping === "free")) {
        policy.returnFees = `${SCHEMA}FreeReturn`;
      }
    }
    return { "@context": "https://schema.org", "@type": "Organization", name: format("business_name"),
      hasMerchantReturnPolicy: policy };
  };
  /* JSON with no "<" at all: no value can end the script element (structured.py json_ld). */
  const jsonLd = (value) => JSON.stringify(value, null, 2).replace(/</g, "\\u003c");

  const toHtml = (doc) => {
    const structured = returnPolicy(doc);
    const values = { lang: htmlText(document.documentElement.lang), title: htmlText(doc.title),
      data: structured ? `<script type="application/ld+json">\n${jsonLd(structured)}\n</script>\n` : "",
      body: htmlBody(doc) };
    return data.htmlPage.replace(/\{(lang|title|data|body)\}/g, (found, name) => values[name]);
  };

  /* The fragment for a website builder (render_snippet, HTML_SNIPPET): the page data's
   * `htmlSnippet` with the document in it, headings from h2. */
  const toSnippet = (doc) => {
    const values = { lang: htmlText(document.documentElement.lang), body: htmlBody(doc, 1) };
    return data.htmlSnippet.replace(/\{(lang|body)\}/g, (found, name) => values[name]);
  };

  /** The document as elements of the page: text nodes only, never markup. */
  const toElements = (doc, container) => {
    const marked = [...doc.samples.values()].filter((text) => text);
    /** ``text`` as nodes, each sample in it marked. */
    const withSamples = (text) => {
      const nodes = [];
      let rest = text;
      while (rest) {
        const found = marked.map((sample) => [rest.indexOf(sample), sample])
          .filter(([at]) => at >= 0).sort((a, b) => a[0] - b[0] || b[1].length - a[1].length)[0];
        if (!found) { nodes.push(document.createTextNode(rest)); break; }
        const [at, sample] = found;
        if (at) nodes.push(document.createTextNode(rest.slice(0, at)));
        const mark = document.createElement("mark");
        mark.className = "pkb-sample";
        mark.textContent = sample;
        nodes.push(mark);
        rest = rest.slice(at + sample.length);
      }
      return nodes;
    };
    const inline = (element, runs) => {
      runs.forEach((run) => {
        let nodes = withSamples(run.text);
        ["em", "strong"].filter((tag) => (tag === "em" ? run.emphasis : run.strong)).forEach((tag) => {
          const styled = document.createElement(tag);
          styled.append(...nodes);
          nodes = [styled];
        });
        element.append(...nodes);
      });
      return element;
    };
    container.replaceChildren(...doc.parts.map((part) => {
      if (part.heading) return inline(document.createElement(`h${part.level}`), part.heading);
      if (part.paragraph) return inline(document.createElement("p"), part.paragraph);
      const listElement = document.createElement(part.numbered ? "ol" : "ul");
      part.list.forEach((item) => listElement.append(inline(document.createElement("li"), item)));
      return listElement;
    }));
  };

  /* -- the policy builder ---------------------------------------------------- */

  const builder = document.querySelector(".pkb-builder");
  const kitChoice = builder && builder.querySelector(".pkb-kit-choice");
  /** True once the chosen kit's data is there (the page carries no kit's model); the
   *  builder's ``data-ready`` names the kit once its document is shown. */
  let shownKit = null;
  const ready = () => shownKit === kitChoice.value;
  const today = () => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  };
  const leftOut = new Set();  // "kit/block" of optional blocks switched off
  /** The optional blocks of ``kit`` switched off. */
  const leftOutOf = (kit) => new Set([...leftOut].filter((key) => key.startsWith(`${kit}/`))
    .map((key) => key.slice(kit.length + 1)));
  const chosen = () => {
    const kit = builder.querySelector(".pkb-kit-choice").value;
    const effective = builder.querySelector(".pkb-effective");
    const version = builder.querySelector(".pkb-version");
    return buildDocument(kit, builder.querySelector(".pkb-document-choice").value,
      /^\d{4}-\d\d-\d\d$/.test(effective.value) ? effective.value : today(),
      version.value.trim() || "1.0", leftOutOf(kit));
  };

  /* A document taken away (copied, downloaded, printed) is remembered per kit and document
   * kind with its version; when the answers change it afterwards, the builder suggests the
   * next version (1.0 -> 1.1), unless the business has typed a version of its own. */
  const TAKEN = "policykb-taken";
  const takenKey = () => `${builder.querySelector(".pkb-kit-choice").value}/${builder.querySelector(".pkb-document-choice").value}`;
  /** The document's content without its frame's date and version: what a new version changes. */
  const contentOf = () => {
    const kit = builder.querySelector(".pkb-kit-choice").value;
    return toMarkdown(buildDocument(kit, builder.querySelector(".pkb-document-choice").value, "2000-01-01", "", leftOutOf(kit)));
  };
  const readTaken = () => {
    try {
      return JSON.parse(window.localStorage.getItem(TAKEN) || "{}");
    } catch (error) {
      return {};
    }
  };
  const rememberTaken = () => {
    const taken = readTaken();
    taken[takenKey()] = { version: builder.querySelector(".pkb-version").value.trim() || "1.0", content: contentOf() };
    try {
      window.localStorage.setItem(TAKEN, JSON.stringify(taken));
    } catch (error) { /* private mode: no suggestion next time */ }
  };
  const nextVersion = (version) => {
    const parts = /^(\d+)\.(\d+)$/.exec(version);
    return parts ? `${parts[1]}.${Number(parts[2]) + 1}` : null;
  };
  const suggestVersion = () => {
    const input = builder.querySelector(".pkb-version");
    const last = readTaken()[takenKey()];
    const shown = input.value.trim() || "1.0";
    if (!last || shown !== last.version || contentOf() === last.content) return;
    const next = nextVersion(last.version);
    if (!next) return;
    input.value = next;
    builder.querySelector(".pkb-builder-status").textContent = slot(slot(data.messages.newVersion, "version", last.version), "next", next);
  };

  /** "Download JSON-LD" only for a returns policy: while the return window is in the document. */
  const showDocument = () => {
    if (readTaken()[takenKey()]) suggestVersion();
    const doc = chosen();
    const container = document.querySelector(".pkb-document");
    container.className = `pkb-document pkb-document--${builder.querySelector(".pkb-document-choice").value}`;
    toElements(doc, container);
    builder.querySelector(".pkb-jsonld").hidden = !returnPolicy(doc);
    const notice = document.querySelector(".pkb-samples");
    notice.textContent = doc.samples.size ? slot(data.messages.samples, "details", sampleLabels(doc)) : "";
    notice.hidden = !doc.samples.size;
    Object.keys(data.variables).forEach((name) => {
      const element = field(name);
      if (element) element.classList.toggle("pkb-field--sample", doc.samples.has(name));
    });
  };
  /** The labels of the samples a document shows, as a list in the page's language. */
  const sampleLabels = (doc) => list([...doc.samples.keys()].map((name) => data.variables[name].label), locale);
  /** True when the document shows no sample, or the business chose to go on anyway. */
  const confirmed = (doc) => !doc.samples.size
    || window.confirm(slot(data.messages.samplesConfirm, "details", sampleLabels(doc)));

  /* -- the kits' data: fetched when a kit is chosen --------------------------- */

  const kitFiles = {};  // kit id -> the promise of its data (builder.py kit_data)
  const kitLoaded = {};  // kit id -> its data, once there
  /** The data of ``kit`` (its model, variables, settings and groups), fetched once. */
  const loadKit = (kit) => {
    if (!kitFiles[kit]) {
      kitFiles[kit] = fetch(new URL(`${data.kitsFolder}${encodeURIComponent(kit)}.json`, document.baseURI))
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status}`);
          return response.json();
        })
        .then((found) => {
          models.kits[kit] = found.model;
          kitLoaded[kit] = found;
          // its variables and their fields (markup the build wrote and escaped), each once
          const fresh = Object.keys(found.definitions).filter((name) => !data.variables[name]);
          Object.assign(data.variables, found.definitions);
          const template = document.createElement("template");
          template.innerHTML = found.fields;
          const pool = builder.querySelector(".pkb-field-pool");
          [...template.content.children].forEach((element) => {
            if (!field(element.dataset.field)) pool.append(element);
          });
          fields.clear();  // looked up again, now that they are there
          fresh.forEach(wire);
          data.kitDefaults = Object.assign(data.kitDefaults || {}, { [kit]: found.settings });
          return found;
        });
      kitFiles[kit].catch(() => { delete kitFiles[kit]; });  // a later choice tries again
    }
    return kitFiles[kit];
  };

  /** ``value``, once the page has painted what it has (the kit's work never delays it). */
  const afterPaint = (value) => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => resolve(value)));
  });

  /* -- the steps --------------------------------------------------------------- */

  const WIDE = "(min-width: 64rem)";  // policykb.css: the preview beside the steps
  let lastFormStep = 1;
  /** Show step ``number`` (1-4) and, with ``focus``, move the focus to its heading. On a
   *  wide screen the preview (step 4) is always shown, beside the last form step. */
  const showStep = (number, focus = true) => {
    builder.dataset.step = String(number);
    if (number < 4) lastFormStep = number;
    const beside = number === 4 && window.matchMedia(WIDE).matches ? lastFormStep : number;
    builder.querySelectorAll(".pkb-details > .pkb-step").forEach((step) => {
      step.hidden = Number(step.dataset.step) !== beside;
    });
    builder.querySelectorAll(".pkb-steps a").forEach((link) => {
      if (Number(link.dataset.stepTo) === number) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    if (number === 4) render();  // a phone shows the preview only now
    if (focus) document.getElementById(`pkb-step-${number}-title`).focus();
  };
  /** The preview is in view: on a wide screen always, on a phone in step 4 (until then
   *  the document is not written, which keeps a phone's page quick). */
  const previewShown = () => builder.dataset.step === "4" || window.matchMedia(WIDE).matches;

  /** Show the step and the group that hold ``element`` (a field, a choice, a button). */
  const reveal = (element) => {
    const step = element.closest(".pkb-step");
    if (step) showStep(Number(step.dataset.step), false);
    const group = element.closest(".pkb-group");
    if (group) group.open = true;
  };

  /* -- step 3: the details, grouped by block ------------------------------------ */

  const openGroups = new Set(["business"]);  // the groups the business has open
  /** The groups of ``kit``: business-wide details first, then each block switched on with
   *  its own variables (each variable once, in the first block that asks it). */
  const groupsOf = (kit, found) => {
    const placed = new Set();
    const take = (names) => names.filter((name) => {
      if (placed.has(name) || !field(name)) return false;
      placed.add(name);
      return true;
    });
    const off = leftOutOf(kit);
    return [{ id: "business", title: data.business, questions: [], names: take(found.business) },
      ...found.groups.filter((group) => !off.has(group.block)).map((group) => ({
        id: group.block, title: group.title, questions: group.questions, names: take(group.variables) }))]
      .filter((group) => group.names.length);
  };
  /** A group: a <details> with the block's title and its count of samples, the block's
   *  questions and its fields (moved from the pool, listeners and values kept). */
  const groupElement = (group) => {
    const box = document.createElement("details");
    box.className = "pkb-group";
    box.dataset.group = group.id;
    box.open = openGroups.has(group.id);
    box.addEventListener("toggle", () => {
      if (box.open) openGroups.add(group.id);
      else openGroups.delete(group.id);
    });
    const summary = document.createElement("summary");
    const title = document.createElement("span");
    title.className = "pkb-group-title";
    title.textContent = group.title;
    const count = document.createElement("span");
    count.className = "pkb-group-count";
    summary.append(title, " ", count);
    box.append(summary);
    if (group.questions.length) {
      const questions = document.createElement("div");
      questions.className = "pkb-questions";
      const heading = document.createElement("p");
      heading.className = "pkb-questions-title";
      heading.textContent = data.questions;
      const items = document.createElement("ul");
      group.questions.forEach((question) => {
        const item = document.createElement("li");
        item.textContent = question;
        items.append(item);
      });
      questions.append(heading, items);
      box.append(questions);
    }
    const fields = document.createElement("div");
    fields.className = "pkb-group-fields";
    group.names.forEach((name) => fields.append(field(name)));
    box.append(fields);
    return box;
  };
  /** The groups of the chosen kit, once its data is there. */
  const renderGroups = () => {
    const pool = builder.querySelector(".pkb-field-pool");
    const groups = builder.querySelector(".pkb-groups");
    groups.querySelectorAll("[data-field]").forEach((element) => pool.append(element));
    const found = kitLoaded[kitChoice.value];
    groups.replaceChildren(...(found ? groupsOf(kitChoice.value, found).map(groupElement) : []));
  };
  /** Each group says how many of its details are still samples; a group whose fields
   *  all do not apply goes. */
  const countSamples = () => {
    builder.querySelectorAll(".pkb-group").forEach((box) => {
      const fields = [...box.querySelectorAll("[data-field]")];
      box.hidden = fields.every((element) => element.hidden);
      const samples = fields.filter((element) => !element.hidden && isSample(element.dataset.field)).length;
      const forms = data.samplesLeft;
      box.querySelector(".pkb-group-count").textContent = samples
        ? slot(forms[Math.min(pageRule(samples), forms.length - 1)], "count", String(samples)) : "";
    });
  };

  /** Choose the kit: its optional blocks and warnings at once, the rest once its data is
   *  there (the preview keeps its space meanwhile). */
  const chooseKit = () => {
    const kit = kitChoice.value;
    builder.querySelectorAll(".pkb-optional-choice").forEach((choice) => {
      choice.hidden = choice.dataset.kit !== kit;
    });
    document.querySelectorAll(".pkb-kit-warnings").forEach((warnings) => {
      warnings.hidden = !warnings.classList.contains(`pkb-kit-${kit}`);
    });
    shownKit = null;
    delete builder.dataset.ready;
    const container = document.querySelector(".pkb-document");
    container.setAttribute("aria-busy", "true");
    return loadKit(kit).then(afterPaint).then((found) => {
      if (kitChoice.value !== kit) return;
      shownKit = kit;
      container.setAttribute("aria-busy", "false");
      renderGroups();
      Object.keys(data.variables).forEach(fillField); // the kit's settings are its defaults
      const intro = builder.querySelector(".pkb-kit-intro");
      intro.replaceChildren(...found.model.introduction.map((text) => {
        const paragraph = document.createElement("p");
        fill(text.s).forEach((run) => paragraph.append(run.text));
        return paragraph;
      }));
      setTimeout(() => {  // a task of its own: the page stays responsive
        if (kitChoice.value !== kit) return;
        render();
        builder.dataset.ready = kit;
      });
    }, () => {
      builder.querySelector(".pkb-builder-status").textContent = data.messages.kitFailed;
    });
  };

  /** A file named after the chosen kit, document and the page's language, e.g.
   *  "restaurant-cafe-staff-handbook-uk.md". */
  const download = (extension, type, text) => {
    const name = `${builder.querySelector(".pkb-kit-choice").value}-${builder.querySelector(".pkb-document-choice").value}-${document.documentElement.lang}.${extension}`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  };

  if (builder) {
    builder.querySelector(".pkb-effective").value = today();
    kitChoice.addEventListener("change", chooseKit);
    ["pkb-document-choice", "pkb-effective", "pkb-version"].forEach((name) => {
      builder.querySelector(`.${name}`).addEventListener("input", render);
      builder.querySelector(`.${name}`).addEventListener("change", render);
    });
    builder.querySelectorAll(".pkb-optional-choice input").forEach((box) => {
      box.addEventListener("change", () => {
        const key = `${box.dataset.kit}/${box.dataset.block}`;
        if (box.checked) leftOut.delete(key);
        else leftOut.add(key);
        renderGroups();  // only the blocks switched on have a group
        render();
      });
    });
    window.matchMedia(WIDE).addEventListener("change", render);
    builder.querySelectorAll("[data-step-to]").forEach((control) => {
      control.addEventListener("click", (event) => {
        event.preventDefault();
        showStep(Number(control.dataset.stepTo));
      });
    });
    const status = builder.querySelector(".pkb-builder-status");
    /** Copy ``write(doc)`` of the confirmed document, and say so. */
    const copy = (write, done) => async () => {
      const doc = chosen();
      if (!confirmed(doc)) return;
      try {
        await navigator.clipboard.writeText(write(doc));
        rememberTaken();
        status.textContent = done;
      } catch (error) {
        status.textContent = data.messages.copyFailed;
      }
    };
    builder.querySelector(".pkb-copy").addEventListener("click", copy(toText, data.messages.copied));
    builder.querySelector(".pkb-snippet").addEventListener("click", copy(toSnippet, data.messages.snippetCopied));
    /** Run ``take`` with the chosen document once the business has confirmed its samples. */
    const takeAway = (take) => () => {
      const doc = chosen();
      if (!confirmed(doc)) return;
      take(doc);
      rememberTaken();
    };
    builder.querySelector(".pkb-markdown").addEventListener("click", takeAway((doc) =>
      download("md", "text/markdown;charset=utf-8", toMarkdown(doc))));
    builder.querySelector(".pkb-html").addEventListener("click", takeAway((doc) =>
      download("html", "text/html;charset=utf-8", toHtml(doc))));
    builder.querySelector(".pkb-jsonld").addEventListener("click", takeAway((doc) => {
      const structured = returnPolicy(doc);
      if (structured) download("jsonld", "application/ld+json;charset=utf-8", `${jsonLd(structured)}\n`);
    }));
    builder.querySelector(".pkb-print").addEventListener("click", takeAway((doc) => {
      document.documentElement.style.setProperty("--pkb-running-title", JSON.stringify(doc.title));
      window.print();
    }));
    afterPaint().then(chooseKit);  // the page shows first, then the kit's file loads
  }

  /** The formatting rules for the shared table (tests/data/value_formats.json). */
  const formatCase = (type, value, currency, cycle) => (type === "date" ? longDate(parseDate(value))
    : formatValue(type, value, locale, currency, cycle));
  window.policykb = { render, format, formatCase, valueOf, time, afterValue, countryId, asked,
    loadKit, showStep: (number) => showStep(number, false),
    reveal: (element) => { if (builder && builder.contains(element)) reveal(element); },
    buildDocument, markdownOf: toMarkdown, htmlOf: toHtml, snippetOf: toSnippet, jsonLdOf: (doc) => returnPolicy(doc),
    toMarkdown: (plain) => (plain ? toText(chosen()) : toMarkdown(chosen())), toHtml: () => toHtml(chosen()) };
  render();
})();
