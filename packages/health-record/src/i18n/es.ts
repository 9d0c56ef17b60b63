import { plural } from '@portico/core';
import type { HealthRecordTerms } from './terms.js';

const SECTION = { conditions: 'Afecciones', allergies: 'Alergias', immunizations: 'Vacunas', visits: 'Visitas anteriores', notes: 'Notas clínicas', vitals: 'Signos vitales' } as const;
const ITEMS = { conditions: ['afección', 'afecciones'], allergies: ['alergia', 'alergias'], immunizations: ['vacuna', 'vacunas'], visits: ['visita', 'visitas'], notes: ['nota', 'notas'], vitals: ['medición', 'mediciones'] } as const;
const CATEGORY = { food: 'Alimento', medication: 'Medicamento', environment: 'Ambiental', biologic: 'Biológico' } as const;

const es: HealthRecordTerms = {
  healthRecord: 'Historia clínica',
  loadingHealthRecord: 'Cargando su historia clínica…',
  signInToSeeHealthRecord: 'Inicie sesión para ver su historia clínica: afecciones, alergias, vacunas, visitas, notas y signos vitales.',
  sectionName: (section) => SECTION[section],
  loadingSection: (section) => `Cargando ${SECTION[section].toLowerCase()}…`,
  showAll: (section, count) => `Ver ${plural('es', count, { one: `la ${ITEMS[section][0]}`, other: `las # ${ITEMS[section][1]}` })}`,
  backToSummary: 'Volver a la historia clínica',
  noneOnRecord: (section) => `No hay ${SECTION[section].toLowerCase()} registradas`,
  noneOnRecordMessage: (section) =>
    section === 'allergies'
      ? 'Su equipo de atención no ha registrado alergias. Infórmele de las que tenga.'
      : section === 'immunizations'
        ? 'Aquí aparecerán las vacunas que le pongan o de las que informe a su equipo de atención.'
        : section === 'visits'
          ? 'Aquí aparecerán las visitas que haya tenido con su equipo de atención.'
          : section === 'notes'
            ? 'Aquí aparecerán las notas que escriban sus médicos después de sus visitas.'
            : section === 'vitals'
              ? 'Aquí aparecerán su presión arterial, su peso y otras mediciones de sus visitas.'
              : 'Aquí aparecerán los problemas de salud que registre su equipo de atención.',
  olderNotShown: 'Aquí solo se muestran los registros más recientes. Pida la historia completa a su equipo de atención.',
  unnamedCondition: 'Una afección sin nombre registrado',
  unnamedAllergy: 'Una alergia sin nombre registrado',
  unnamedVaccine: 'Una vacuna sin nombre registrado',
  activeConditions: (count) => `Actuales (${count})`,
  ruledOutConditions: (count) => `Descartadas (${count})`,
  resolvedConditions: (count) => `Resueltas (${count})`,
  noActiveConditions: 'No hay afecciones actuales.',
  ruledOut: 'Descartada',
  notConfirmed: 'Aún sin confirmar',
  since: 'Desde',
  resolvedOn: 'Resuelta',
  recordedBy: 'Registrada por',
  recordedOn: 'Registrada',
  noKnownAllergies: 'Sin alergias conocidas',
  noKnownAllergiesMessage: 'Su equipo de atención ha registrado que no tiene alergias conocidas.',
  allergyCategory: (category) => CATEGORY[category],
  intolerance: 'Intolerancia',
  reactions: 'Reacciones',
  severity: (severity) => ({ mild: 'Reacción leve', moderate: 'Reacción moderada', severe: 'Reacción grave' })[severity],
  criticality: (criticality) => ({ low: 'Riesgo bajo de una reacción grave', high: 'Riesgo alto de una reacción grave', 'unable-to-assess': 'Riesgo desconocido' })[criticality],
  noLongerAllergic: 'Ya no es un problema',
  date: 'Fecha',
  doseLabel: 'Dosis',
  dose: (number, of) => (of ? `${number} de ${of}` : number),
  placeWhere: 'Dónde',
  lot: 'Lote',
  vaccineNotGiven: 'No se puso',
  reasonLabel: 'Motivo',
  unnamedVisit: 'Una visita',
  visitWhy: 'Motivo',
  diagnoses: 'Diagnóstico',
  unnamedNote: 'Una nota',
  writtenBy: 'Escrita por',
  readNote: 'Leer la nota',
  hideNote: 'Ocultar la nota',
  readingNote: 'Leyendo la nota…',
  noteNotShownHere: 'Esta nota es un archivo: descárguela desde sus documentos.',
  unnamedVital: 'Una medición',
  latest: 'Último',
  measuredOn: 'Medido',
  valueLabel: 'Valor',
  flagLabel: 'Nota',
  vitalTrendSummary: (count, first, last) => `${count} valores de ${first} a ${last}.`,
  seenBy: 'Le atendió',
};

export default es;
