import type { ICarRole, LearningArea } from './rules/config.ts';

/**
 * I-CAR's course catalogue for the demo: three role-track courses per role per ProLevel, and four
 * Academy courses in each of the five learning areas. Codes and titles follow I-CAR's style; the
 * seed writes this list to the `course` table (the runtime reads the table, never this file).
 */
export interface CatalogueEntry {
  code: string;
  title: string;
  role: ICarRole | null;
  proLevel: number | null;
  learningArea: LearningArea;
  hours: number;
}

const track = (role: ICarRole, proLevel: number, learningArea: LearningArea, code: string, title: string, hours: number): CatalogueEntry => ({ code, title, role, proLevel, learningArea, hours });
const academy = (learningArea: LearningArea, code: string, title: string, hours: number): CatalogueEntry => ({ code, title, role: null, proLevel: null, learningArea, hours });

export const COURSE_CATALOGUE: CatalogueEntry[] = [
  track('STEEL_STRUCTURAL_TECHNICIAN', 1, 'STRUCTURAL_REPAIR', 'MEA01', 'Measuring Fundamentals', 2),
  track('STEEL_STRUCTURAL_TECHNICIAN', 1, 'STRUCTURAL_REPAIR', 'SPS01', 'Structural Straightening of Steel', 2),
  track('STEEL_STRUCTURAL_TECHNICIAN', 1, 'STRUCTURAL_REPAIR', 'WCS03', 'Steel GMA (MIG) Welding Qualification', 8),
  track('STEEL_STRUCTURAL_TECHNICIAN', 2, 'STRUCTURAL_REPAIR', 'MEA02', 'Electronic Measuring Systems', 2),
  track('STEEL_STRUCTURAL_TECHNICIAN', 2, 'STRUCTURAL_REPAIR', 'SPS07', 'Sectioning Rails, Pillars and Rocker Panels', 3),
  track('STEEL_STRUCTURAL_TECHNICIAN', 2, 'STRUCTURAL_REPAIR', 'WCS04', 'Squeeze-Type Resistance Spot Welding', 4),
  track('STEEL_STRUCTURAL_TECHNICIAN', 3, 'STRUCTURAL_REPAIR', 'CPS03', 'Corrosion Protection for Structural Repairs', 2),
  track('STEEL_STRUCTURAL_TECHNICIAN', 3, 'STRUCTURAL_REPAIR', 'SPS08', 'Advanced High-Strength Steel Repair', 3),
  track('STEEL_STRUCTURAL_TECHNICIAN', 3, 'STRUCTURAL_REPAIR', 'SPS09', 'Full-Body and Partial Sectioning', 4),

  track('NON_STRUCTURAL_TECHNICIAN', 1, 'SAFETY_AND_TOOLS', 'ATT01', 'Trim, Hardware and Fastener Removal', 1.5),
  track('NON_STRUCTURAL_TECHNICIAN', 1, 'NON_STRUCTURAL_REPAIR', 'NST01', 'Exterior Panel Repair Fundamentals', 2),
  track('NON_STRUCTURAL_TECHNICIAN', 1, 'NON_STRUCTURAL_REPAIR', 'PLA01', 'Plastic Identification and Repair', 2.5),
  track('NON_STRUCTURAL_TECHNICIAN', 2, 'NON_STRUCTURAL_REPAIR', 'GLS01', 'Stationary Glass Removal and Installation', 2),
  track('NON_STRUCTURAL_TECHNICIAN', 2, 'NON_STRUCTURAL_REPAIR', 'NST02', 'Aluminum Exterior Panel Repair', 3),
  track('NON_STRUCTURAL_TECHNICIAN', 2, 'NON_STRUCTURAL_REPAIR', 'PLA02', 'Adhesive Bonding of Exterior Panels', 2),
  track('NON_STRUCTURAL_TECHNICIAN', 3, 'MECHANICAL_AND_ELECTRICAL', 'ADA01', 'ADAS Calibration for Technicians', 2),
  track('NON_STRUCTURAL_TECHNICIAN', 3, 'NON_STRUCTURAL_REPAIR', 'NST03', 'Panel Replacement and Paintless Dent Repair', 3),
  track('NON_STRUCTURAL_TECHNICIAN', 3, 'NON_STRUCTURAL_REPAIR', 'NST04', 'Advanced Aluminum Outer Panel Repair', 3),

  track('REFINISH_TECHNICIAN', 1, 'SAFETY_AND_TOOLS', 'REF01', 'Refinish Safety and Personal Protective Equipment', 1.5),
  track('REFINISH_TECHNICIAN', 1, 'REFINISH', 'REF02', 'Surface Preparation and Masking', 2),
  track('REFINISH_TECHNICIAN', 1, 'REFINISH', 'REF03', 'Spray Gun Setup and Technique', 2),
  track('REFINISH_TECHNICIAN', 2, 'REFINISH', 'REF04', 'Color Theory and Tinting', 2.5),
  track('REFINISH_TECHNICIAN', 2, 'REFINISH', 'REF05', 'Waterborne Basecoat Application', 2),
  track('REFINISH_TECHNICIAN', 2, 'REFINISH', 'REF06', 'Blending and Clearcoat Application', 2),
  track('REFINISH_TECHNICIAN', 3, 'REFINISH', 'REF07', 'Color Evaluation and Variance Adjustment', 3),
  track('REFINISH_TECHNICIAN', 3, 'REFINISH', 'REF08', 'Tri-Coat and Specialty Finishes', 2.5),
  track('REFINISH_TECHNICIAN', 3, 'REFINISH', 'REF09', 'Paint Defects: Diagnosis and Repair', 2),

  track('ESTIMATOR', 1, 'SAFETY_AND_TOOLS', 'EST01', 'Estimating Fundamentals', 2),
  track('ESTIMATOR', 1, 'NON_STRUCTURAL_REPAIR', 'EST02', 'Vehicle Damage Analysis', 2),
  track('ESTIMATOR', 1, 'MECHANICAL_AND_ELECTRICAL', 'EST03', 'Using OEM Repair Information', 1.5),
  track('ESTIMATOR', 2, 'STRUCTURAL_REPAIR', 'EST04', 'Estimating Structural Damage', 2),
  track('ESTIMATOR', 2, 'REFINISH', 'EST05', 'Estimating Refinish Operations', 2),
  track('ESTIMATOR', 2, 'MECHANICAL_AND_ELECTRICAL', 'EST06', 'Scans and ADAS Calibrations in the Estimate', 2),
  track('ESTIMATOR', 3, 'MECHANICAL_AND_ELECTRICAL', 'EST07', 'Estimating Electric and Hybrid Vehicle Repairs', 2.5),
  track('ESTIMATOR', 3, 'STRUCTURAL_REPAIR', 'EST08', 'Blueprinting the Complete Repair', 3),
  track('ESTIMATOR', 3, 'NON_STRUCTURAL_REPAIR', 'EST09', 'Total Loss and Repair Planning', 2),

  academy('SAFETY_AND_TOOLS', 'ACA-SAF01', 'Collision Shop Safety', 6),
  academy('SAFETY_AND_TOOLS', 'ACA-SAF02', 'Hand and Power Tools', 6),
  academy('SAFETY_AND_TOOLS', 'ACA-SAF03', 'Hazardous Materials and Safety Data Sheets', 4),
  academy('SAFETY_AND_TOOLS', 'ACA-SAF04', 'Vehicle Construction Basics', 8),
  academy('NON_STRUCTURAL_REPAIR', 'ACA-NSR01', 'Sheet Metal Straightening', 10),
  academy('NON_STRUCTURAL_REPAIR', 'ACA-NSR02', 'Body Filler Application', 8),
  academy('NON_STRUCTURAL_REPAIR', 'ACA-NSR03', 'Bolted Panel Replacement', 8),
  academy('NON_STRUCTURAL_REPAIR', 'ACA-NSR04', 'Plastic Repair Basics', 8),
  academy('STRUCTURAL_REPAIR', 'ACA-STR01', 'Vehicle Measurement Basics', 8),
  academy('STRUCTURAL_REPAIR', 'ACA-STR02', 'GMA (MIG) Welding Basics', 12),
  academy('STRUCTURAL_REPAIR', 'ACA-STR03', 'Collision Damage Analysis', 6),
  academy('STRUCTURAL_REPAIR', 'ACA-STR04', 'Corrosion Protection Basics', 4),
  academy('REFINISH', 'ACA-REF01', 'Refinish Safety and Equipment', 6),
  academy('REFINISH', 'ACA-REF02', 'Surface Preparation', 10),
  academy('REFINISH', 'ACA-REF03', 'Primers and Sealers', 6),
  academy('REFINISH', 'ACA-REF04', 'Basecoat and Clearcoat Application', 12),
  academy('MECHANICAL_AND_ELECTRICAL', 'ACA-MEL01', 'Electrical Fundamentals', 8),
  academy('MECHANICAL_AND_ELECTRICAL', 'ACA-MEL02', 'Suspension and Steering Basics', 8),
  academy('MECHANICAL_AND_ELECTRICAL', 'ACA-MEL03', 'ADAS Awareness', 4),
  academy('MECHANICAL_AND_ELECTRICAL', 'ACA-MEL04', 'Cooling and Air Conditioning Systems', 6),
];

/** A course's id is derived from its code, so ids never shift when the list grows. */
export const courseIdFor = (code: string): string => `icar-crs-${code}`;
