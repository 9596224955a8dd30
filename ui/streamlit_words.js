/*
 * (No less-than sign in this file: Streamlit's sanitiser of st.html would read one as a tag.)
 *
 * Streamlit's own words in the page (its widgets' hints and accessible names, such as
 * "Choose an option" or "Help for" and a label), which an app cannot set: written in the
 * page's language as the explorer's catalogue gives them. Called on every run with the
 * language and the table of words; it keeps one observer per document, so words that
 * Streamlit draws later are translated too, and a change of language turns them back.
 *
 *   streamlitWords('ja', [{en: 'Help for {label}', ja: '{label}のヘルプ', ru: '…'}, …]);
 */
(function (language, table) {
  'use strict';
  var ATTRIBUTES = ['aria-label', 'title', 'placeholder'];
  var state = window.explorerStreamlitWords || (window.explorerStreamlitWords = {});
  state.language = language;

  // Each entry's forms in every language, as patterns: "{label}" matches any text.
  function pattern(form) {
    var parts = form.split(/\{[a-z]+\}/);
    var escaped = parts.map(function (part) {
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    });
    return new RegExp('^' + escaped.join('(.+?)') + '$');
  }
  state.entries = table.map(function (entry) {
    var forms = {};
    Object.keys(entry).forEach(function (code) { forms[code] = pattern(entry[code]); });
    return {words: entry, forms: forms};
  });

  function fill(form, values) {
    var index = 0;
    return form.replace(/\{[a-z]+\}/g, function () { return values[index++]; });
  }

  function translated(text) {
    var trimmed = text.trim();
    if (!trimmed || trimmed.length > 160) { return null; }
    var result = null;
    state.entries.some(function (entry) {
      return Object.keys(entry.forms).some(function (code) {
        var found = entry.forms[code].exec(trimmed);
        if (found) {
          result = fill(entry.words[state.language] || entry.words.en, found.slice(1));
        }
        return Boolean(found);
      });
    });
    return result === null || result === trimmed ? null : text.replace(trimmed, result);
  }

  var OWN = '[data-testid="stMarkdown"], [data-testid="stMarkdownContainer"], iframe';
  var UPLOAD_BUTTON = '[data-testid="stFileUploaderDropzone"] button';

  function visit(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      var parent = node.parentElement;
      // the app's own Markdown is in the language already; the upload box's button is
      // Streamlit's word, drawn as Markdown
      if (!parent || (parent.closest(OWN) && !parent.closest(UPLOAD_BUTTON))) { return; }
      var text = translated(node.nodeValue);
      if (text !== null) { node.nodeValue = text; }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || node.closest('iframe')) { return; }
    // the page's own words (Markdown) are the app's, already in the language; the
    // attributes Streamlit adds to it (a heading's "Link to heading") are not
    ATTRIBUTES.forEach(function (name) {
      var value = node.getAttribute(name);
      var text = value && translated(value);
      if (text) { node.setAttribute(name, text); }
    });
    for (var child = node.firstChild; child; child = child.nextSibling) { visit(child); }
  }

  if (!state.observer) {
    state.observer = new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === 'childList') {
          record.addedNodes.forEach(visit);
        } else {
          visit(record.target);
        }
      });
    });
    state.observer.observe(document.body, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ATTRIBUTES
    });
  }
  visit(document.body);
})(LANGUAGE, WORDS);
