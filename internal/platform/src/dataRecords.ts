/**
 * Shapes shared by every subgraph for the data-subject rights: subject access (`myData`, the
 * `DataRecord` type) and erasure (`requestErasure`, the `ErasureReceipt` entity each subgraph
 * extends with its `ErasureOutcome`). Replaced person ids become ERASED_ID (caller.ts).
 */

/** The key of the ErasureReceipt entity, as the gateway hands it to each subgraph. */
export interface ErasureReceiptRef {
  id: string;
  personId: string;
}

/** What one subgraph did with a person's records for an erasure request. */
export interface ErasureOutcome {
  subgraph: string;
  erased: number;
  anonymised: number;
  kept: string[];
}

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
