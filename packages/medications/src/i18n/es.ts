import { numberFormat, plural } from '@portico/core';
import type { MedicationListTerms } from './terms.js';

const UNIT = { s: ['segundo', 'segundos'], min: ['minuto', 'minutos'], h: ['hora', 'horas'], d: ['día', 'días'], wk: ['semana', 'semanas'], mo: ['mes', 'meses'], a: ['año', 'años'] } as const;
const A = { s: 'por segundo', min: 'por minuto', h: 'por hora', d: 'al día', wk: 'a la semana', mo: 'al mes', a: 'al año' } as const;
const TIMES: Record<string, string> = {
  MORN: 'cada mañana', AFT: 'cada tarde', EVE: 'cada noche', NIGHT: 'por la noche', HS: 'al acostarse', WAKE: 'al despertar',
  C: 'con comida', CM: 'con el desayuno', CD: 'con el almuerzo', CV: 'con la cena', AC: 'antes de las comidas', ACM: 'antes del desayuno',
  ACD: 'antes del almuerzo', ACV: 'antes de la cena', PC: 'después de las comidas', PCM: 'después del desayuno', PCD: 'después del almuerzo', PCV: 'después de la cena',
};
const times = (n: number) => (n === 1 ? 'una vez' : n === 2 ? 'dos veces' : `${n} veces`);
const every = (period: number, unit: keyof typeof UNIT) => (period === 1 ? `cada ${UNIT[unit][0]}` : `cada ${period} ${UNIT[unit][1]}`);

const es: MedicationListTerms = {
  medications: 'Medicamentos',
  loadingMedications: 'Cargando sus medicamentos…',
  signInToSeeMedications: 'Inicie sesión para ver sus medicamentos y pedir resurtidos.',
  currentMedicines: (count) => `Medicamentos actuales (${count})`,
  pastMedicines: (count) => `Medicamentos anteriores (${count})`,
  noMedicines: 'No hay medicamentos registrados',
  noMedicinesMessage: 'Aquí aparecerán los medicamentos que le recete su equipo de atención.',
  noCurrentMedicines: 'No tiene recetas vigentes.',
  howToTake: 'Cómo tomarlo',
  prescribedBy: 'Recetado por',
  started: 'Desde',
  lastFilled: 'Último surtido',
  notFilledYet: 'Aún no surtido',
  refillsLeft: 'Resurtidos restantes',
  refillsAllowed: 'Resurtidos permitidos',
  pharmacy: 'Farmacia',
  prescriptionStatus: (status) =>
    ({ active: 'Vigente', 'on-hold': 'En pausa', draft: 'Aún no vigente', stopped: 'Suspendido', completed: 'Terminado', cancelled: 'Cancelado' })[status] ?? 'Ya no se toma',
  stoppedBecause: (reason) => `Motivo: ${reason}`,
  askFor: (kind) => (kind === 'refill' ? 'Pedir un resurtido' : 'Pedir una renovación'),
  refillBecause: (left) => plural('es', left, { one: 'Queda # resurtido.', other: 'Quedan # resurtidos.' }),
  renewalNoRefills: 'No quedan resurtidos: quien la recetó debe renovarla.',
  renewalExpired: (date) => `Esta receta venció el ${date}: quien la recetó debe renovarla.`,
  requestKind: (kind) => (kind === 'refill' ? 'Solicitud de resurtido' : 'Solicitud de renovación'),
  requestStatus: (status) =>
    ({
      draft: 'Aún no enviada',
      requested: 'Enviada, en espera de respuesta',
      received: 'Recibida por la clínica',
      accepted: 'Aceptada',
      rejected: 'Rechazada',
      ready: 'Lista',
      cancelled: 'Retirada',
      'in-progress': 'En trámite',
      'on-hold': 'En pausa',
      failed: 'No se pudo hacer',
      completed: 'Hecha',
      'entered-in-error': 'Registrada por error',
    })[status],
  askedOn: (date) => `Pedida el ${date}`,
  withdraw: 'Retirar la solicitud',
  withdrawn: 'Solicitud retirada.',
  noteLabel: 'Nota para quien la recetó (opcional)',
  noteHint: 'Por ejemplo, un cambio en cómo lo toma o un efecto secundario.',
  pharmacyChoice: 'Farmacia',
  pharmacyOnPrescription: (name) => `${name} (la de la receta)`,
  sendRequest: (kind) => (kind === 'refill' ? 'Enviar solicitud de resurtido' : 'Enviar solicitud de renovación'),
  requestSending: 'Enviando…',
  cancel: 'Cancelar',
  sent: (kind) => (kind === 'refill' ? 'Solicitud de resurtido enviada. Aquí verá la respuesta.' : 'Solicitud de renovación enviada. Aquí verá la respuesta.'),
  notSent: 'No se envió. Su nota se conserva: inténtelo de nuevo.',
  askByMessage: (kind) => (kind === 'refill' ? 'Pedir un resurtido por mensaje' : 'Pedir una renovación por mensaje'),
  messageTo: (prescriber) => `Para ${prescriber}`,
  messageSubject: (kind, medicine) => `${kind === 'refill' ? 'Resurtido' : 'Renovación'}: ${medicine}`,
  messageBody: (kind, medicine) => `Por favor, ${kind === 'refill' ? 'resurta' : 'renueve'} mi receta de ${medicine}.`,
  sendMessage: 'Enviar mensaje',
  prescriberMessageSent: 'Mensaje enviado. La respuesta llegará a sus mensajes.',
  askOnline: (kind) => (kind === 'refill' ? 'Pedir un resurtido en el sitio del hospital' : 'Pedir una renovación en el sitio del hospital'),
  askOffline: 'Para pedir más, llame a su farmacia o a la clínica.',
  cannotWithdraw: 'Para retirarla, llame a la clínica.',

  frequency: (n, period, unit) => (n === 1 && period !== 1 ? every(period, unit) : n === 1 && (unit === 'h' || unit === 'min' || unit === 's') ? every(period, unit) : period === 1 ? `${times(n)} ${A[unit]}` : `${times(n)} ${every(period, unit)}`),
  doseTime: (time) => TIMES[time] ?? '',
  route: (route) => ({ byMouth: 'por vía oral', underSkin: 'bajo la piel', inhaled: 'inhalado', intoMuscle: 'en el músculo', onSkin: 'sobre la piel' })[route],
  asNeeded: 'si lo necesita',
  asNeededFor: (reason) => `si lo necesita por ${reason.toLowerCase()}`,
  forDuration: (count, unit) => `durante ${count} ${UNIT[unit][count === 1 ? 0 : 1]}`,
  per: (period, unit) => (period === 1 ? A[unit] : `cada ${period} ${UNIT[unit][1]}`),
  atMost: (amount, period) => `(no más de ${amount} ${period})`,
  amount: (value, unit) => `${numberFormat('es').format(value)} ${unit}`.trim(),
};

export default es;
