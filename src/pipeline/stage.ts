// A stage is a named pure function from a document and the annotations so far to one kind of
// annotation. The pipeline runs stages in order; a later stage reads what earlier ones produced.
import type { Annotations, ResolvedDocument } from '../types.js';

export type AnnotationKind = Exclude<keyof Annotations, 'language'>;

export interface Stage<K extends AnnotationKind = AnnotationKind> {
  name: string;
  produces: K;
  run(doc: ResolvedDocument, ann: Readonly<Annotations>): Annotations[K];
}

export function defineStage<K extends AnnotationKind>(stage: Stage<K>): Stage<K> {
  return stage;
}
