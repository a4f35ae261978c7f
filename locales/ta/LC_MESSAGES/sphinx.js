Documentation.addTranslations({
 "locale": "ta",
 "messages": {},
 "plural_expr": "(n != 1)"
});
