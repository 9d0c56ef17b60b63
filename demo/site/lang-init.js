/* global document, localStorage */
// Runs before the page is first drawn (a classic script from a file, so it is allowed under the site's
// Content-Security-Policy): applies the visitor's language and writing direction from their last visit,
// so an Arabic page never flashes left-to-right. site.ts does the rest (switcher, translations).
(function () {
  var DIRECTIONS = { en: 'ltr', es: 'ltr', ar: 'rtl' };
  var root = document.documentElement;
  var lang = null;
  try {
    lang = localStorage.getItem('riverside:lang');
  } catch {
    lang = null; // storage blocked: stay with the page's own language
  }
  if (lang && Object.prototype.hasOwnProperty.call(DIRECTIONS, lang)) {
    root.lang = lang;
    root.dir = DIRECTIONS[lang];
  }
  root.classList.add('js');
})();
