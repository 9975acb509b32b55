//! Interface text of the player in the languages it ships (English, Spanish), looked up by key. Content
//! text comes from the package; this is only the player's own words.

/// The interface text for `key` in `lang` (English when the language or key is unknown).
pub fn t(lang: &str, key: &str) -> &'static str {
    let es = lang.split('-').next() == Some("es");
    let (en, es_text) = match key {
        "check" => ("Check", "Comprobar"),
        "next" => ("Next", "Siguiente"),
        "finish" => ("Finish", "Terminar"),
        "continue" => ("Continue", "Continuar"),
        "try-again" => ("Try again", "Intentar de nuevo"),
        "dont-know" => ("I don't know yet", "Todavía no lo sé"),
        "solution" => ("Show the worked solution", "Ver la solución paso a paso"),
        "solution-title" => ("Worked solution", "Solución paso a paso"),
        "correct" => ("Correct!", "¡Correcto!"),
        "incorrect" => ("Not quite.", "Todavía no."),
        "saved" => ("Answer saved.", "Respuesta guardada."),
        "true" => ("True", "Verdadero"),
        "false" => ("False", "Falso"),
        "your-answer" => ("Your answer", "Tu respuesta"),
        "number-help" => (
            "Type a number such as 3/4, 1 1/2 or 0.75.",
            "Escribe un número como 3/4, 1 1/2 o 0,75.",
        ),
        "expression-help" => (
            "Type an expression such as 2(x+1) or 3*n/4.",
            "Escribe una expresión como 2(x+1) o 3*n/4.",
        ),
        "blank" => ("Blank", "Espacio"),
        "choose" => ("Choose…", "Elige…"),
        "move-up" => ("Move up", "Subir"),
        "move-down" => ("Move down", "Bajar"),
        "moved" => ("moved to position", "movido a la posición"),
        "of" => ("of", "de"),
        "choose-first" => (
            "Choose or type an answer first.",
            "Primero elige o escribe una respuesta.",
        ),
        "part-right" => ("right", "bien"),
        "part-wrong" => ("not right", "no está bien"),
        "question" => ("Question", "Pregunta"),
        "page" => ("Page", "Página"),
        "why" => ("Why this question?", "¿Por qué esta pregunta?"),
        "hint" => ("Hint", "Pista"),
        "hints" => ("Hints", "Pistas"),
        "complete" => ("Activity complete", "Actividad terminada"),
        "transcript" => ("Transcript", "Transcripción"),
        "tries-left" => ("Tries left:", "Intentos restantes:"),
        "answered-earlier" => (
            "You answered this question earlier.",
            "Ya respondiste esta pregunta.",
        ),
        "other-activities" => ("Activities in this course", "Actividades de este curso"),
        "your-results" => ("Your answers", "Tus respuestas"),
        "read-aloud" => ("Read aloud", "Leer en voz alta"),
        "my-progress" => ("My progress", "Mi progreso"),
        "map-mastered" => ("mastered", "dominada"),
        "map-open" => ("in progress", "en curso"),
        "map-locked" => ("opens after", "se abre después de"),
        "map-next" => (" — recommended next", " — recomendada a continuación"),
        "what-next" => ("What next? You choose", "¿Qué sigue? Tú eliges"),
        "why-this" => ("Why?", "¿Por qué?"),
        _ => ("", ""),
    };
    if es {
        es_text
    } else {
        en
    }
}
