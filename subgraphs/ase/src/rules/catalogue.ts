import { CERTIFICATION_VALIDITY_YEARS, ENTRY_LEVEL_VALIDITY_YEARS } from './config.ts';

/** The series an ASE test belongs to (the AseSeries enum of the SDL). */
export type AseSeries = 'AUTOMOBILE' | 'COLLISION' | 'SERVICE_CONSULTANT' | 'MAINTENANCE' | 'ADVANCED' | 'TRUCK' | 'SCHOOL_BUS' | 'ENTRY_LEVEL';

export const ASE_SERIES: readonly AseSeries[] = ['AUTOMOBILE', 'COLLISION', 'SERVICE_CONSULTANT', 'MAINTENANCE', 'ADVANCED', 'TRUCK', 'SCHOOL_BUS', 'ENTRY_LEVEL'];

export interface CatalogueTest {
  code: string;
  name: string;
  series: AseSeries;
  entryLevel: boolean;
  validityYears: number;
}

const professional = (series: AseSeries, tests: [string, string][]): CatalogueTest[] =>
  tests.map(([code, name]) => ({ code, name, series, entryLevel: false, validityYears: CERTIFICATION_VALIDITY_YEARS }));

// Entry-Level tests mirror the professional areas they prepare for: EL-A5 leads to A5.
const entryLevel = (tests: [string, string][]): CatalogueTest[] =>
  tests.map(([code, name]) => ({ code, name, series: 'ENTRY_LEVEL' as const, entryLevel: true, validityYears: ENTRY_LEVEL_VALIDITY_YEARS }));

/** The ASE test catalogue, in ASE's own order (the seed writes it; `aseTests` reads it back). */
export const ASE_TEST_CATALOGUE: readonly CatalogueTest[] = [
  ...professional('AUTOMOBILE', [
    ['A1', 'Engine Repair'],
    ['A2', 'Automatic Transmission/Transaxle'],
    ['A3', 'Manual Drive Train and Axles'],
    ['A4', 'Suspension and Steering'],
    ['A5', 'Brakes'],
    ['A6', 'Electrical/Electronic Systems'],
    ['A7', 'Heating and Air Conditioning'],
    ['A8', 'Engine Performance'],
    ['A9', 'Light Vehicle Diesel Engines'],
  ]),
  ...professional('COLLISION', [
    ['B2', 'Painting and Refinishing'],
    ['B3', 'Non-Structural Analysis and Damage Repair'],
    ['B4', 'Structural Analysis and Damage Repair'],
    ['B5', 'Mechanical and Electrical Components'],
    ['B6', 'Damage Analysis and Estimating'],
  ]),
  ...professional('SERVICE_CONSULTANT', [['C1', 'Automobile Service Consultant']]),
  ...professional('MAINTENANCE', [['G1', 'Auto Maintenance and Light Repair']]),
  ...professional('ADVANCED', [
    ['L1', 'Advanced Engine Performance Specialist'],
    ['L2', 'Electronic Diesel Engine Diagnosis Specialist'],
    ['L3', 'Light Duty Hybrid/Electric Vehicle Specialist'],
  ]),
  ...professional('TRUCK', [
    ['T2', 'Diesel Engines'],
    ['T3', 'Drive Train'],
    ['T4', 'Brakes'],
    ['T5', 'Suspension and Steering'],
    ['T6', 'Electrical/Electronic Systems'],
    ['T7', 'Heating, Ventilation and Air Conditioning'],
    ['T8', 'Preventive Maintenance Inspection'],
  ]),
  ...professional('SCHOOL_BUS', [
    ['S1', 'Body Systems and Special Equipment'],
    ['S2', 'Diesel Engines'],
    ['S3', 'Drive Train'],
    ['S4', 'Brakes'],
    ['S5', 'Suspension and Steering'],
    ['S6', 'Electrical/Electronic Systems'],
    ['S7', 'Air Conditioning Systems and Controls'],
  ]),
  ...entryLevel([
    ['EL-A1', 'Engine Repair (Entry-Level)'],
    ['EL-A2', 'Automatic Transmission/Transaxle (Entry-Level)'],
    ['EL-A3', 'Manual Drive Train and Axles (Entry-Level)'],
    ['EL-A4', 'Suspension and Steering (Entry-Level)'],
    ['EL-A5', 'Brakes (Entry-Level)'],
    ['EL-A6', 'Electrical/Electronic Systems (Entry-Level)'],
    ['EL-A7', 'Heating and Air Conditioning (Entry-Level)'],
    ['EL-A8', 'Engine Performance (Entry-Level)'],
    ['EL-G1', 'Maintenance and Light Repair (Entry-Level)'],
    ['EL-B2', 'Painting and Refinishing (Entry-Level)'],
    ['EL-B3', 'Non-Structural Analysis and Damage Repair (Entry-Level)'],
    ['EL-B4', 'Structural Analysis and Damage Repair (Entry-Level)'],
    ['EL-B5', 'Mechanical and Electrical Components (Entry-Level)'],
    ['EL-T2', 'Diesel Engines (Entry-Level)'],
    ['EL-T4', 'Brakes (Entry-Level)'],
    ['EL-T5', 'Suspension and Steering (Entry-Level)'],
    ['EL-T6', 'Electrical/Electronic Systems (Entry-Level)'],
    ['EL-T8', 'Preventive Maintenance Inspection (Entry-Level)'],
  ]),
];

/** The wallet title of a certification from a test, e.g. 'ASE A5 Brakes'. */
export function credentialTitle(test: { code: string; name: string }): string {
  return `ASE ${test.code} ${test.name}`;
}
