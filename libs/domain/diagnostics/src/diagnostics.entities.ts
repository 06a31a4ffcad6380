import { Diagnostic, DiagnosticFinding, DiagnosticRecommendation } from './diagnostic.entity';

export const diagnosticEntities = [Diagnostic, DiagnosticFinding, DiagnosticRecommendation];
