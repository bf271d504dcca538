import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** The parts of class-validator's metadata storage that the cache wraps (its methods are public, the map is not). */
interface RuleStorage {
  getTargetValidationMetadatas(
    target: unknown,
    schema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadata[];
  groupByPropertyName(metadatas: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
  addValidationMetadata(metadata: ValidationMetadata): void;
}

const installed = Symbol.for('deskforce:validation-rules-cache');

/**
 * class-validator looks up the rules of a class on every `validate` (and the ValidationPipe once more, for
 * its nested-binary check), each time by walking every class that has rules (about 140 here) for its
 * ancestors, then groups them by property: about 200 µs of the 280 µs the pipe spends on a KPI question's
 * input. A class's rules only change while decorators run (when a module loads), so the look-up and the
 * grouping are kept per class and forgotten whenever a rule is added. The arrays handed out are the ones
 * class-validator built, which neither it nor Nest's pipe modifies.
 */
export function cacheValidationRules(): void {
  const storage = getMetadataStorage() as unknown as RuleStorage & { [installed]?: true };
  if (storage[installed]) return;
  storage[installed] = true;

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let rules = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  let cached = new WeakSet<ValidationMetadata[]>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let ofTarget = rules.get(target);
    if (!ofTarget) rules.set(target, (ofTarget = new Map()));
    let found = ofTarget.get(key);
    if (!found) {
      found = lookUp(target, schema, always, strictGroups, groups);
      ofTarget.set(key, found);
      cached.add(found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let found = grouped.get(metadatas);
    if (!found) {
      found = group(metadatas);
      // Only the cached arrays are grouped once: another caller's array might change after the call.
      if (cached.has(metadatas)) grouped.set(metadatas, found);
    }
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    rules = new Map();
    grouped = new WeakMap();
    cached = new WeakSet();
    add(metadata);
  };
}
