//! Stop words: the function words of English, French and Russian (articles, pronouns,
//! prepositions, conjunctions, auxiliaries and the commonest particles). Nearly every text
//! holds them, so they say nothing about what a text is about. Free text turned into an
//! any-of-these-words query (suggestions) leaves them out; the index keeps them and an explicit
//! search still finds them, so a person who types them gets what they asked.
//!
//! A word is compared after lowercasing (and `ё` read as `е`) and before stemming. The lists
//! apply whatever the language of the text (a draft's language is not known), so they avoid
//! words that are also common content words of another of the languages (French `car`).
//! Chinese has none: its runs are indexed as character pairs, not words.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::people::Language;

/// English function words, one group a line, with the pieces contractions leave once cut at
/// the apostrophe (`don't` -> `don`, `t`). Particles that carry the meaning of an IT problem
/// (`down`, `out`, `off`, `up`, `back`) are not here: "the server is down" is about being down.
const ENGLISH: &[&str] = &[
    // articles and determiners
    "a an the this that these those some any each every all both such other few more most much
     many own same no not",
    // pronouns
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
     himself she her hers herself it its itself they them their theirs themselves one what
     which who whom whose",
    // question words
    "when where why how",
    // prepositions
    "about above after against at before below between by during for from in into of on over
     since through to towards under until with within without via",
    // conjunctions
    "and but or nor so yet if then than because as while whether although though unless",
    // auxiliaries and modals
    "am is are was were be been being have has had having do does did doing will would shall
     should can could may might must",
    // pieces of contractions
    "don doesn didn isn aren wasn weren haven hasn hadn won wouldn shouldn couldn cannot ll ve
     re s t d m",
    // adverbs of no topic
    "also again always even ever here there just now only once still too very",
];

/// French function words, with the unaccented spellings people type (`deja`, `tres`) and the
/// elided forms (`l'`, `qu'`) as the apostrophe leaves them.
const FRENCH: &[&str] = &[
    // articles and determiners
    "le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses
     notre nos votre vos leur leurs quel quelle quels quelles tout tous toute toutes chaque",
    // pronouns
    "je j tu il elle on nous vous ils elles me m te se s moi toi lui eux y en ça cela ceci
     celui celle ceux celles qui que qu quoi dont rien",
    // prepositions
    "à dans par pour sur sous avec sans chez entre vers depuis pendant avant après apres contre
     selon jusqu",
    // conjunctions and adverbs of no topic
    "et ou où mais donc or ni si comme quand lorsque puisque parce ne n pas plus non oui très
     tres aussi déjà deja encore toujours même meme ici là alors puis bien",
    // être
    "être etre suis es est sommes êtes etes sont étais etais était etait étaient etaient été
     ete sera seront serait soit",
    // avoir
    "avoir ai as a avons avez ont avais avait avaient aura auront aurait eu",
    // modals
    "peux peut pouvez peuvent dois doit devez",
];

/// Russian function words, `ё` written `е` (a word is compared with `ё` read as `е`).
const RUSSIAN: &[&str] = &[
    // personal and reflexive pronouns
    "я меня мне мной ты тебя тебе он его ему им нем она ее ей ней нее оно мы нас нам вы вас
     вам они их них ним себя себе",
    // possessives
    "мой моя мое мои моего моей моих мою наш наша наше наши нашего нашей ваш ваша ваше ваши
     вашего вашей свой своя свое свои своего своей свою",
    // demonstratives, relatives and question words
    "этот эта это эти этого этой этом этих эту тот та то те того той том тех кто что чего чем
     чему который которая которое которые которого которой котором которых где куда когда
     почему зачем как какой такой весь вся все всех всего",
    // prepositions
    "в во на с со к у о об от до из за по под над при про для без через перед между после",
    // conjunctions and particles
    "и а но или чтобы если потому так также тоже ли же бы даже хотя пока не ни нет да вот
     ведь уже еще только очень тут там здесь снова опять",
    // быть and modals
    "быть был была было были буду будет будем будете будут есть можно нужно надо",
];

fn words(groups: &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    groups.iter().flat_map(|g| g.split_whitespace())
}

static ALL: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    words(ENGLISH)
        .chain(words(FRENCH))
        .chain(words(RUSSIAN))
        .collect()
});

/// The stop words of a language, lowercase (none for Chinese).
pub fn stop_words(lang: Language) -> Vec<&'static str> {
    match lang {
        Language::En => words(ENGLISH).collect(),
        Language::Fr => words(FRENCH).collect(),
        Language::Ru => words(RUSSIAN).collect(),
        Language::ZhCn => Vec::new(),
    }
}

fn normalise(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// Whether `word` (one word, as written) is a stop word of English, French or Russian.
pub fn is_stop_word(word: &str) -> bool {
    ALL.contains(normalise(word).as_str())
}

/// Whether `word` could still become a stop word as it is being typed (`whe` of `when`), so
/// that a last word is not asked as a prefix matching nearly every text.
pub fn is_stop_word_prefix(word: &str) -> bool {
    let lowered = normalise(word);
    !lowered.is_empty() && ALL.iter().any(|w| w.starts_with(lowered.as_str()))
}
