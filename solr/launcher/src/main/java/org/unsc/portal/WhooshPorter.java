package org.unsc.portal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whoosh's Porter stemmer ({@code whoosh.lang.porter.stem}), line for line, quirks included.
 *
 * <p>It is not Martin Porter's algorithm as Lucene's PorterStemFilter runs it: Whoosh anchors
 * some of its step 1b tests at the start of the word, so "associated" stays "associat" (Lucene:
 * "associ"), and "y" counts as neither vowel nor consonant in its measure. 775 of the 20,431
 * words of the 2020 statements stem differently. The portal's Whoosh index holds these stems, so
 * Solr must make the same ones for a word to match the same statements on both engines. Python's
 * {@code re.match} is {@link Matcher#lookingAt()} here.
 */
final class WhooshPorter {
  private static final Map<String, String> STEP2 =
      Map.ofEntries(
          Map.entry("ational", "ate"), Map.entry("tional", "tion"), Map.entry("enci", "ence"),
          Map.entry("anci", "ance"), Map.entry("izer", "ize"), Map.entry("bli", "ble"),
          Map.entry("alli", "al"), Map.entry("entli", "ent"), Map.entry("eli", "e"),
          Map.entry("ousli", "ous"), Map.entry("ization", "ize"), Map.entry("ation", "ate"),
          Map.entry("ator", "ate"), Map.entry("alism", "al"), Map.entry("iveness", "ive"),
          Map.entry("fulness", "ful"), Map.entry("ousness", "ous"), Map.entry("aliti", "al"),
          Map.entry("iviti", "ive"), Map.entry("biliti", "ble"), Map.entry("logi", "log"));
  private static final Map<String, String> STEP3 =
      Map.of("icate", "ic", "ative", "", "alize", "al", "iciti", "ic", "ical", "ic", "ful", "",
          "ness", "");

  private static final String CONS_SEQ = "[^aeiouy]+";
  private static final String VOWEL = "[aeiouy]";
  private static final String VOWEL_SEQ = "[aeiou]+";
  private static final Pattern MGR0 = Pattern.compile("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ);
  private static final Pattern MEQ1 =
      Pattern.compile("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ + "(" + VOWEL_SEQ + ")?$");
  private static final Pattern MGR1 =
      Pattern.compile("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ + VOWEL_SEQ + CONS_SEQ);
  private static final Pattern S_V = Pattern.compile("^(" + CONS_SEQ + ")?" + VOWEL);
  private static final Pattern C_V = Pattern.compile("^" + CONS_SEQ + VOWEL + "[^aeiouwxy]$");
  private static final Pattern ED_ING = Pattern.compile("^(.*)(ed|ing)$");
  private static final Pattern AT_BL_IZ = Pattern.compile("(at|bl|iz)$");
  private static final Pattern STEP1B = Pattern.compile("([^aeiouylsz])\\1$");
  private static final Pattern STEP2_RE =
      Pattern.compile(
          "^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism"
              + "|iveness|fulness|ousness|aliti|iviti|biliti|logi)$");
  private static final Pattern STEP3_RE = Pattern.compile("^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$");
  private static final Pattern STEP4_1 =
      Pattern.compile("^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$");
  private static final Pattern STEP4_2 = Pattern.compile("^(.+?)(s|t)(ion)$");
  private static final Pattern STEP5 = Pattern.compile("^(.+?)e$");

  private WhooshPorter() {}

  private static boolean match(Pattern pattern, String s) {
    return pattern.matcher(s).lookingAt();
  }

  static String stem(String w) {
    if (w.codePointCount(0, w.length()) < 3) {
      return w;
    }
    boolean firstIsY = w.charAt(0) == 'y';
    if (firstIsY) {
      w = "Y" + w.substring(1);
    }

    // Step 1a
    if (w.endsWith("s")) {
      if (w.endsWith("sses")) {
        w = w.substring(0, w.length() - 2);
      } else if (w.endsWith("ies")) {
        w = w.substring(0, w.length() - 2);
      } else if (w.charAt(w.length() - 2) != 's') {
        w = w.substring(0, w.length() - 1);
      }
    }

    // Step 1b
    if (w.endsWith("eed")) {
      String s = w.substring(0, w.length() - 3);
      if (match(MGR0, s)) {
        w = w.substring(0, w.length() - 1);
      }
    } else {
      Matcher m = ED_ING.matcher(w);
      if (m.lookingAt()) {
        String stem = m.group(1);
        if (match(S_V, stem)) {
          w = stem;
          if (match(AT_BL_IZ, w)) {
            w += "e";
          } else if (match(STEP1B, w)) {
            w = w.substring(0, w.length() - 1);
          } else if (match(C_V, w)) {
            w += "e";
          }
        }
      }
    }

    // Step 1c
    if (w.endsWith("y")) {
      String stem = w.substring(0, w.length() - 1);
      if (match(S_V, stem)) {
        w = stem + "i";
      }
    }

    // Step 2
    Matcher m = STEP2_RE.matcher(w);
    if (m.lookingAt()) {
      String stem = m.group(1);
      if (match(MGR0, stem)) {
        w = stem + STEP2.get(m.group(2));
      }
    }

    // Step 3
    m = STEP3_RE.matcher(w);
    if (m.lookingAt()) {
      String stem = m.group(1);
      if (match(MGR0, stem)) {
        w = stem + STEP3.get(m.group(2));
      }
    }

    // Step 4
    m = STEP4_1.matcher(w);
    if (m.lookingAt()) {
      String stem = m.group(1);
      if (match(MGR1, stem)) {
        w = stem;
      }
    } else {
      m = STEP4_2.matcher(w);
      if (m.lookingAt()) {
        String stem = m.group(1) + m.group(2);
        if (match(MGR1, stem)) {
          w = stem;
        }
      }
    }

    // Step 5
    m = STEP5.matcher(w);
    if (m.lookingAt()) {
      String stem = m.group(1);
      if (match(MGR1, stem) || (match(MEQ1, stem) && !match(C_V, stem))) {
        w = stem;
      }
    }

    if (w.endsWith("ll") && match(MGR1, w)) {
      w = w.substring(0, w.length() - 1);
    }
    if (firstIsY) {
      w = "y" + w.substring(1);
    }
    return w;
  }
}
