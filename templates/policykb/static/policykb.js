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

  /* -- formatting with Intl (the browser's CLDR data) ---------------------- */

  const dayName = (code) => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" })
    .format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(code))));
  const list = (items) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  /** 09:00 or 9:00 AM on the chosen country's clock, a no-break space before a day
   *  period (policykb/formatting.py format_time_of_day). */
  const time = (text) => {
    const [hours, minutes] = text.split(":").map(Number);
    const cycle = country().hourCycle;
    const moment = new Date(Date.UTC(2024, 0, 1, hours, minutes));
    const options = cycle ? { hour: cycle === "h23" ? "2-digit" : "numeric", minute: "2-digit", hourCycle: cycle }
      : { timeStyle: "short" };
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(moment)
      .replace(/[ \u202f]/g, "\u00a0");
  };
  const daySpan = (days) => {
    const runs = [];
    [...days].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b)).forEach((day) => {
      const last = runs[runs.length - 1];
      if (last && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(last[last.length - 1]) + 1) last.push(day);
      else runs.push([day]);
    });
    return list(runs.map((run) => (run.length === 1 ? dayName(run[0])
      : `${dayName(run[0])}–${dayName(run[run.length - 1])}`)));
  };
  function currencyOf(definition) {
    return (definition.currencyVar && valueOf(definition.currencyVar)) || definition.currency || "EUR";
  }

  const format = (name) => {
    const definition = data.variables[name];
    const value = valueOf(name);
    if (!definition) return "";
    if (value === null || value === undefined || value === "") return `[${definition.label}]`;
    switch (definition.type) {
      case "count": return new Intl.NumberFormat(locale).format(value);
      case "money": {
        // the currency sign the build uses (CLDR through Babel): browsers may have older data
        const code = currencyOf(definition);
        const sign = (data.currencySymbols || {})[code];
        return new Intl.NumberFormat(locale, { style: "currency", currency: code }).formatToParts(value)
          .map((part) => (part.type === "currency" && sign ? sign : part.value)).join("");
      }
      case "percentage": return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(value / 100);
      case "choice": return definition.options[value];
      case "yesno": return value ? data.yes : data.no;
      case "currency": return new Intl.DisplayNames(locale, { type: "currency" }).of(value);
      case "weekdays": return list([...value].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b)).map(dayName));
      case "hours": return list(value.map((entry) => `${daySpan(entry.days)} ${time(entry.opens)}–${time(entry.closes)}`));
      default: return String(value);
    }
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

  const render = () => {
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

  /* -- the form -------------------------------------------------------------- */

  const form = document.getElementById("pkb-details");
  const field = (name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`);

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

  if (form) {
    Object.keys(data.variables).forEach((name) => {
      const element = field(name);
      if (!element) return;
      fillField(name);
      element.addEventListener("input", () => changed(name));
      element.addEventListener("change", () => changed(name));
    });
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

  /* -- the policy builder ---------------------------------------------------- */

  const builder = document.querySelector(".pkb-builder");
  const policy = () => document.querySelector(`.pkb-kit-doc:not([hidden])`);

  /** "Download JSON-LD" only for a returns policy: while the return window is in the document. */
  const offerJsonLd = () => {
    builder.querySelector(".pkb-jsonld").hidden = !policy().querySelector(".pkb-part-return-window:not([hidden])");
  };

  const chooseKit = () => {
    const kit = builder.querySelector(".pkb-kit-choice").value;
    document.querySelectorAll(".pkb-kit-doc").forEach((doc) => {
      doc.hidden = !doc.classList.contains(`pkb-kit-${kit}`);
    });
    builder.querySelectorAll(".pkb-optional-choice").forEach((choice) => {
      choice.hidden = choice.dataset.kit !== kit;
    });
    const used = new Set((data.kits || {})[kit] || Object.keys(data.variables));
    Object.keys(data.variables).forEach((name) => {
      const element = field(name);
      if (element) element.hidden = !used.has(name);
    });
    Object.keys(data.variables).forEach(fillField); // the kit's settings are its defaults
    offerJsonLd();
    render();
  };

  const visibleText = (node) => (node.hidden || node.matches?.(".pkb-when, .pkb-summary, .headerlink, .pkb-optional, .pkb-kit-guidance, .pkb-coverage, .pkb-details, .pkb-warning, .pkb-audience"));

  /* Text stays text in Markdown, as in `policykb assemble` (policykb/assemble.py):
   * characters that start markup are escaped, and so is the start of a line that would
   * begin a heading, a quote, a list item or a table. */
  const MD_SPECIAL = /([\\`*_[<~])|&(?=#?[0-9A-Za-z]+;)/g;
  const MD_LINE_START = /^(?:[#>+=|-]|(\d{1,9})[.)])/;
  const mdText = (text) => text.replace(MD_SPECIAL, (found) => `\\${found}`);
  const mdLine = (line) => {
    const start = line.match(MD_LINE_START);
    if (!start) return line;
    if (start[1] !== undefined) return `${start[1]}\\${line.slice(start[1].length)}`;
    return `\\${line}`;
  };

  const toMarkdown = (root, plain) => {
    const lines = [];
    const top = root.querySelector("h1, h2, h3, h4, h5, h6");
    const shift = top ? Number(top.tagName[1]) - 1 : 0;  // the document's title becomes #
    const inline = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return plain ? node.textContent : mdText(node.textContent);
      if (node.nodeType !== Node.ELEMENT_NODE || visibleText(node)) return "";
      const inner = [...node.childNodes].map(inline).join("");
      if (plain) return inner;
      if (node.matches("strong")) return `**${inner}**`;
      if (node.matches("em")) return `_${inner}_`;
      return inner;
    };
    const block = (node, prefix) => {
      if (node.nodeType !== Node.ELEMENT_NODE || visibleText(node)) return;
      const match = node.tagName.match(/^H([1-6])$/);
      const text = (element) => {
        // ordinary white space only: no-break spaces (9:00 AM, 1 500 ₴) stay, as in assemble
        const found = inline(element).replace(/[ \t\r\n\f\v]+/g, " ").trim();
        return plain ? found : mdLine(found);
      };
      if (match) {
        const heading = text(node).replace(/#$/, plain ? "#" : "\\#");
        lines.push(plain ? heading : `${"#".repeat(Number(match[1]) - shift)} ${heading}`, "");
      } else if (node.matches("p")) {
        const paragraph = text(node);
        if (paragraph) lines.push(prefix + paragraph, "");
      } else if (node.matches("ol, ul")) {
        let number = 0;
        [...node.children].forEach((item) => {
          if (item.hidden) return;
          number += 1;
          const marker = node.matches("ol") ? `${number}. ` : "- ";
          const entry = text(item);
          if (entry) lines.push(marker + entry);
        });
        lines.push("");
      } else {
        [...node.children].forEach((child) => block(child, prefix));
      }
    };
    block(root, "");
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  };

  /** A file named after the chosen kit and the page's language, e.g. "restaurant-cafe-uk.md". */
  const download = (extension, type, text) => {
    const name = `${builder.querySelector(".pkb-kit-choice").value}-${document.documentElement.lang}.${extension}`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  };

  /* The HTML download is the page `policykb assemble -o policy.html` writes (render_html in
   * policykb/assemble.py): the page data's `htmlPage` with its slots filled, and in it only
   * headings (the document's title as h1), paragraphs, lists, strong and em. */
  const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  const htmlText = (text) => text.replace(/[&<>"']/g, (found) => HTML_ESCAPES[found]);

  /* A returns policy's schema.org data, by the rule of policykb/structured.py (return_policy):
   * the merchant and its MerchantReturnPolicy, when the document holds the return window. */
  const SCHEMA = "https://schema.org/";
  const returnPolicy = (root) => {
    const shows = (block) => Boolean(root.querySelector(`.pkb-part-${block}:not([hidden])`));
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

  const toHtml = (root) => {
    const body = [];
    const top = root.querySelector("h1, h2, h3, h4, h5, h6");
    const shift = top ? Number(top.tagName[1]) - 1 : 0;
    let title = "";
    const inline = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return htmlText(node.textContent);
      if (node.nodeType !== Node.ELEMENT_NODE || visibleText(node)) return "";
      const inner = [...node.childNodes].map(inline).join("");
      const tag = node.tagName.toLowerCase();
      return ["strong", "em"].includes(tag) ? `<${tag}>${inner}</${tag}>` : inner;
    };
    const text = (element) => inline(element).replace(/[ \t\r\n\f\v]+/g, " ").trim();
    const block = (node) => {
      if (node.nodeType !== Node.ELEMENT_NODE || visibleText(node)) return;
      const match = node.tagName.match(/^H([1-6])$/);
      if (match) {
        const level = Number(match[1]) - shift;
        if (level === 1 && !title) title = toMarkdown(node, true).trim();
        body.push(`<h${level}>${text(node)}</h${level}>`);
      } else if (node.matches("p")) {
        const paragraph = text(node);
        if (paragraph) body.push(`<p>${paragraph}</p>`);
      } else if (node.matches("ol, ul")) {
        const tag = node.tagName.toLowerCase();
        const items = [...node.children].filter((item) => !item.hidden).map(text)
          .filter((entry) => entry).map((entry) => `\n<li>${entry}</li>`);
        if (items.length) body.push(`<${tag}>${items.join("")}\n</${tag}>`);
      } else {
        [...node.children].forEach(block);
      }
    };
    block(root);
    const values = { lang: htmlText(document.documentElement.lang), title: htmlText(title),
      data: "", body: body.join("\n") };
    const structured = returnPolicy(root);
    if (structured) values.data = `<script type="application/ld+json">\n${jsonLd(structured)}\n</script>\n`;
    return data.htmlPage.replace(/\{(lang|title|data|body)\}/g, (slot, name) => values[name]);
  };

  if (builder) {
    builder.hidden = false;
    builder.querySelector(".pkb-kit-choice").addEventListener("change", chooseKit);
    builder.querySelectorAll(".pkb-optional-choice input").forEach((box) => {
      box.addEventListener("change", () => {
        document.querySelectorAll(`.pkb-kit-${box.dataset.kit} .pkb-part-${box.dataset.block}`)
          .forEach((part) => { part.classList.toggle("pkb-left-out", !box.checked); part.hidden = !box.checked; });
        offerJsonLd();
      });
    });
    const status = builder.querySelector(".pkb-builder-status");
    builder.querySelector(".pkb-copy").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(toMarkdown(policy(), true));
        status.textContent = data.messages.copied;
      } catch (error) {
        status.textContent = data.messages.copyFailed;
      }
    });
    builder.querySelector(".pkb-markdown").addEventListener("click", () =>
      download("md", "text/markdown;charset=utf-8", toMarkdown(policy(), false)));
    builder.querySelector(".pkb-html").addEventListener("click", () =>
      download("html", "text/html;charset=utf-8", toHtml(policy())));
    const jsonLdButton = builder.querySelector(".pkb-jsonld");
    jsonLdButton.addEventListener("click", () => {
      const structured = returnPolicy(policy());
      if (structured) download("jsonld", "application/ld+json;charset=utf-8", `${jsonLd(structured)}\n`);
    });
    builder.querySelector(".pkb-print").addEventListener("click", () => window.print());
    chooseKit();
  }

  window.policykb = { render, format, valueOf, time, afterValue, countryId,
    toMarkdown: (plain) => toMarkdown(policy(), plain), toHtml: () => toHtml(policy()) };
  render();
})();
