/**
 * One record about a person, as every subgraph lists it for a subject access request
 * (`myData`): the shape of the shared `DataRecord` type in each subgraph's SDL.
 */
export interface DataRecord {
  subgraph: string;
  kind: string;
  id: string;
  summary: string;
  recordedAt: string | null;
}
