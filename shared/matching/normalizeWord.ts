/**
 * Turns one written word into the words the matcher compares: lower case, one kind
 * of apostrophe, contractions spelled out ("we're" → "we are", "dont" → "do not"),
 * British spellings and frequent misspellings folded onto one form. Phrases and
 * replies go through the same function, so a phrase written either way matches both.
 */

const CONTRACTIONS: Record<string, string[]> = {
  "can't": ['can', 'not'], cant: ['can', 'not'], cannot: ['can', 'not'],
  "won't": ['will', 'not'], wont: ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
  "i'm": ['i', 'am'], im: ['i', 'am'],
  "let's": ['let', 'us'],
  dont: ['do', 'not'], doesnt: ['does', 'not'], didnt: ['did', 'not'],
  isnt: ['is', 'not'], arent: ['are', 'not'], wasnt: ['was', 'not'], werent: ['were', 'not'],
  havent: ['have', 'not'], hasnt: ['has', 'not'], hadnt: ['had', 'not'],
  couldnt: ['could', 'not'], shouldnt: ['should', 'not'], wouldnt: ['would', 'not'],
  youre: ['you', 'are'], youve: ['you', 'have'], youll: ['you', 'will'], youd: ['you', 'would'],
  theyre: ['they', 'are'], theyve: ['they', 'have'],
  shouldve: ['should', 'have'], couldve: ['could', 'have'], wouldve: ['would', 'have'], mustve: ['must', 'have'],
  shoulda: ['should', 'have'], coulda: ['could', 'have'], woulda: ['would', 'have'], musta: ['must', 'have'],
  // "its" is far more often a dropped apostrophe in a reply ("its not our fault") than a possessive
  // inside a phrase; a possessive "its" reads as "it is" harmlessly, since no phrase continues with a noun.
  its: ['it', 'is'],
  weve: ['we', 'have'], ive: ['i', 'have'],
  thats: ['that', 'is'], whats: ['what', 'is'], theres: ['there', 'is'],
};

/** "'s" is spelled out only after these; elsewhere it is a possessive and dropped. */
const IS_CONTRACTED = new Set(['it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'where', 'how']);

const SUFFIXES: Array<[string, string[]]> = [
  ["n't", ['not']],
  ["'re", ['are']],
  ["'ve", ['have']],
  ["'ll", ['will']],
  ["'m", ['am']],
  ["'d", ['would']],
];

/** British spellings and misspellings seen in real replies, folded onto one spelling. */
const SPELLINGS: Record<string, string> = {
  apologise: 'apologize', apologises: 'apologizes', apologised: 'apologized', apologising: 'apologizing',
  appologize: 'apologize', appologise: 'apologize', apoligize: 'apologize', apologizse: 'apologize',
  apolgize: 'apologize', apolgise: 'apologize', apolagize: 'apologize', apolagise: 'apologize',
  apoligise: 'apologize', appoligize: 'apologize', appoligise: 'apologize',
  appologies: 'apologies', apologys: 'apologies', apologie: 'apology', appology: 'apology', apoligies: 'apologies',
  inconvienence: 'inconvenience', inconvience: 'inconvenience', inconveniance: 'inconvenience',
  inconvinience: 'inconvenience', inconvenince: 'inconvenience', inconveince: 'inconvenience',
  inconvenice: 'inconvenience', inconviniences: 'inconveniences', inconvenienced: 'inconvenienced',
  realise: 'realize', realised: 'realized', recognise: 'recognize', organise: 'organize',
  prioritise: 'prioritize', prioritised: 'prioritized', emphasise: 'emphasize', sympathise: 'sympathize',
  empathise: 'empathize', customise: 'customize', authorise: 'authorize', authorised: 'authorized',
  utilise: 'utilize', minimise: 'minimize', finalise: 'finalize', summarise: 'summarize',
  behaviour: 'behavior', colour: 'color', favour: 'favor', honour: 'honor', centre: 'center',
  cancelled: 'canceled', cancelling: 'canceling', travelled: 'traveled',
  recieve: 'receive', recieved: 'received', untill: 'until', definately: 'definitely', definatly: 'definitely',
  alot: 'a lot', thankyou: 'thank you', thx: 'thanks', thnx: 'thanks', thanx: 'thanks', tks: 'thanks',
  appriciate: 'appreciate', apprecaite: 'appreciate', appreicate: 'appreciate', greatful: 'grateful',
  responsability: 'responsibility', resposible: 'responsible', responsable: 'responsible',
  patiance: 'patience', pateince: 'patience', paitence: 'patience',
  sincerly: 'sincerely', sincerley: 'sincerely', assurred: 'assured', asured: 'assured',
  hesistate: 'hesitate', hesitiate: 'hesitate', hestitate: 'hesitate',
  previosly: 'previously', previously: 'previously', mentionned: 'mentioned',
  importnat: 'important', valueable: 'valuable', satisfation: 'satisfaction',
  convenience: 'convenience', u: 'you', ur: 'your', pls: 'please', plz: 'please', plse: 'please',
};

export function normalizeWord(raw: string): string[] {
  let word = raw.toLowerCase().replace(/[’‘ʼ`´]/g, "'");
  if (word.endsWith("'")) word = word.slice(0, -1);
  const whole = CONTRACTIONS[word];
  if (whole) return whole;
  if (word.includes("'")) {
    for (const [suffix, expansion] of SUFFIXES) {
      if (word.endsWith(suffix) && word.length > suffix.length) {
        const head = word.slice(0, -suffix.length);
        return [...spell(head), ...expansion];
      }
    }
    if (word.endsWith("'s")) {
      const head = word.slice(0, -2);
      return IS_CONTRACTED.has(head) ? [head, 'is'] : spell(head);
    }
    word = word.replace(/'/g, '');
  }
  return spell(word);
}

function spell(word: string): string[] {
  const folded = SPELLINGS[word];
  return folded ? folded.split(' ') : [word];
}
