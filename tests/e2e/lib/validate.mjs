// The strict xAPI statement validator (@learninglocker/xapi-validation), as a list of warnings.
import validation from '@learninglocker/xapi-validation';

const validate = validation.default ?? validation;

export function validateStatement(statement) {
  return validate(statement);
}

export function assertValidStatement(statement) {
  const warnings = validate(statement);
  if (warnings.length > 0) {
    const lines = warnings.map((w) => `  ${JSON.stringify(w)}`).join('\n');
    throw new Error(`statement ${statement.id} is not valid xAPI:\n${lines}`);
  }
}
