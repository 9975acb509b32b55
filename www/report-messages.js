// The class report's words, in English and Spanish: one flat object of key to text per language, with
// `{name}` placeholders, and plural forms as `key.one` / `key.other` chosen by Intl.PluralRules. Apart from
// the player's catalogs (src/i18n/*.json) because the report is a page of its own that never loads the
// player's wasm; tests/e2e/report-i18n.test.mjs checks both are complete and every key used exists.
export const MESSAGES = {
  en: {
    'title': 'Pacer — class report',
    'heading': 'Class report',
    'intro': "Reads your learners' records from your school's Learning Record Store. The records read are kept in this browser so the next visit asks only for new ones; the password is never kept, and nothing is sent anywhere else.",
    'language': 'Language',
    'endpoint': 'LRS endpoint',
    'username': 'User name',
    'password': 'Password',
    'course': 'Course id',
    'learners': 'Learners (account names, comma-separated; empty for all)',
    'deadline': 'Finish by (for the pace warning)',
    'load': 'Load',
    'cancel': 'Cancel',
    'reload-all': 'Read everything again',
    'progress-label': 'Reading records',
    'loading': 'Loading…',
    'loading-count.one': 'Loading… {n} statement read',
    'loading-count.other': 'Loading… {n} statements read',
    'cancelled': 'Cancelled. What was read so far is shown and kept; the next load asks for the rest.',
    'error': 'Could not read the LRS: {message}',
    'cache-error': 'Records could not be kept in this browser ({message}); the report is shown without them.',
    'summary': '{statements} statements ({fresh} new, read in {seconds} s); {learners} learners. Skipped {skipped}: {otherCourse} from other courses, {unknownVerb} with unknown verbs, {malformed} malformed, {otherLearner} of other learners.',
    'grid-heading': 'Mastery by learner and skill',
    'learner': 'Learner',
    'mastered': '(mastered)',
    'no-value': '—',
    'csv': 'Download CSV',
    'csv-learner': 'learner',
    'warnings-heading': 'Early warnings',
    'none': 'None.',
    'missed-heading': 'Items most often missed',
    'missed.one': '{stem} — missed {n} time',
    'missed.other': '{stem} — missed {n} times',
    'timelines-heading': "Each learner's timeline",
    'timeline-summary.one': '{name} ({n} answer)',
    'timeline-summary.other': '{name} ({n} answers)',
    'right': 'right',
    'not-right': 'not right',
    'timeline-entry': '{time}: {stem} — {outcome}',
    'warning-entry': '{name}: {text}',
    'warn-guessing': 'answered an item in {seconds} s, faster than it can be read (possibly guessing)',
    'warn-very_long': 'spent {minutes} min on one item (possibly stuck or away)',
    'warn-wheel_spinning': '{n} answers on {skill} without reaching mastery (wheel-spinning)',
    'warn-pace': 'at the current pace ({rate} skills a week) will not master the {left} skills left by the date set',
  },
  es: {
    'title': 'Pacer — informe de la clase',
    'heading': 'Informe de la clase',
    'intro': 'Lee los registros de tus estudiantes del almacén de registros de aprendizaje (LRS) de tu centro. Los registros leídos se guardan en este navegador para que la próxima visita pida solo los nuevos; la contraseña nunca se guarda y nada se envía a ningún otro sitio.',
    'language': 'Idioma',
    'endpoint': 'Dirección del LRS',
    'username': 'Usuario',
    'password': 'Contraseña',
    'course': 'Identificador del curso',
    'learners': 'Estudiantes (nombres de cuenta separados por comas; vacío para todos)',
    'deadline': 'Terminar antes del (para el aviso de ritmo)',
    'load': 'Cargar',
    'cancel': 'Cancelar',
    'reload-all': 'Volver a leerlo todo',
    'progress-label': 'Leyendo registros',
    'loading': 'Cargando…',
    'loading-count.one': 'Cargando… {n} registro leído',
    'loading-count.other': 'Cargando… {n} registros leídos',
    'cancelled': 'Cancelado. Lo leído hasta ahora se muestra y se guarda; la próxima carga pide el resto.',
    'error': 'No se pudo leer el LRS: {message}',
    'cache-error': 'No se pudieron guardar los registros en este navegador ({message}); el informe se muestra sin ellos.',
    'summary': '{statements} registros ({fresh} nuevos, leídos en {seconds} s); {learners} estudiantes. Omitidos {skipped}: {otherCourse} de otros cursos, {unknownVerb} con verbos desconocidos, {malformed} mal formados, {otherLearner} de otros estudiantes.',
    'grid-heading': 'Dominio por estudiante y habilidad',
    'learner': 'Estudiante',
    'mastered': '(dominada)',
    'no-value': '—',
    'csv': 'Descargar CSV',
    'csv-learner': 'estudiante',
    'warnings-heading': 'Avisos tempranos',
    'none': 'Ninguno.',
    'missed-heading': 'Preguntas más falladas',
    'missed.one': '{stem} — fallada {n} vez',
    'missed.other': '{stem} — fallada {n} veces',
    'timelines-heading': 'La cronología de cada estudiante',
    'timeline-summary.one': '{name} ({n} respuesta)',
    'timeline-summary.other': '{name} ({n} respuestas)',
    'right': 'correcta',
    'not-right': 'incorrecta',
    'timeline-entry': '{time}: {stem} — {outcome}',
    'warning-entry': '{name}: {text}',
    'warn-guessing': 'respondió una pregunta en {seconds} s, más rápido de lo que se puede leer (quizá al azar)',
    'warn-very_long': 'pasó {minutes} min en una pregunta (quizá atascado o ausente)',
    'warn-wheel_spinning': '{n} respuestas sobre {skill} sin llegar al dominio (dando vueltas)',
    'warn-pace': 'al ritmo actual ({rate} habilidades por semana) no dominará las {left} habilidades que faltan antes de la fecha fijada',
  },
};

export const LANGUAGES = Object.keys(MESSAGES);

// The report's language for a list of preferred tags (`?lang=`, then the browser's): the first whose
// primary subtag has a catalog, else English.
export function pickLanguage(tags) {
  for (const tag of tags) {
    const primary = String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
    if (MESSAGES[primary]) return primary;
  }
  return 'en';
}

// A translator for `lang`: `t(key, vars)`; a key with `.one`/`.other` forms is chosen by `vars.n`.
export function translator(lang) {
  const catalog = MESSAGES[lang] ?? MESSAGES.en;
  const plural = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  return (key, vars = {}) => {
    let text = catalog[key];
    if (text === undefined && 'n' in vars) text = catalog[`${key}.${plural.select(vars.n)}`] ?? catalog[`${key}.other`];
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in vars)) return whole;
      const v = vars[name];
      return typeof v === 'number' && Number.isInteger(v) ? numbers.format(v) : String(v);
    });
  };
}
