import { plural } from '@portico/core';
import type { LabResultsTerms } from './terms.js';

const es: LabResultsTerms = {

  labResults: 'Resultados de pruebas',
  loadingResults: 'Cargando los resultados de sus pruebas…',
  noResults: 'Todavía no hay resultados de pruebas.',
  noResultsMatch: 'Ningún resultado coincide con estos filtros.',
  resultsNote:
    'Es posible que los resultados aparezcan aquí antes de que su equipo de atención los haya revisado. Para entender algunos resultados, es necesario hablar con su profesional de la salud. Si tiene preguntas o no se siente bien, comuníquese con su equipo de atención.',
  searchTests: 'Buscar una prueba',
  fromDate: 'Desde',
  toDate: 'Hasta',
  abnormalOnly: 'Solo resultados fuera del rango normal',
  groupBy: 'Mostrar',
  byReport: 'Por informe',
  byTest: 'Por prueba',
  newResult: 'Nuevo',
  statusPreliminary: 'Preliminar',
  statusFinal: 'Definitivo',
  statusAmended: 'Modificado',
  statusCorrected: 'Corregido',
  statusCancelledResult: 'Cancelado',
  orderedBy: (name) => `Solicitado por ${name}`,
  performedBy: (name) => `Realizado por ${name}`,
  notInReport: 'Un resultado suelto, que no forma parte de un informe de laboratorio.',
  collected: (when) => `Muestra tomada el ${when}`,
  specimen: 'Muestra',
  test: 'Prueba',
  result: 'Resultado',
  referenceRange: 'Rango normal',
  flag: 'Indicador',
  flagHigh: 'Alto',
  flagLow: 'Bajo',
  flagCriticalHigh: 'Crítico alto',
  flagCriticalLow: 'Crítico bajo',
  flagAbnormal: 'Anormal',
  flagNormal: 'Dentro de lo normal',
  outsideRange: (count) =>
    count === 0
      ? 'Ningún resultado fuera del rango normal'
      : plural('es', count, { one: '# resultado fuera del rango normal', other: '# resultados fuera del rango normal' }),
  outsideRangeList: (count, list) => `${plural('es', count, { one: '# resultado fuera del rango normal', other: '# resultados fuera del rango normal' })}: ${list}`,
  otherTests: 'Otras pruebas',
  showTrend: (test) => `Evolución de ${test}`,
  trend: 'Evolución',
  unnamedTest: (code) => (code ? `Prueba sin nombre (código ${code})` : 'Prueba sin nombre'),
  trendTitle: (test) => `${test} a lo largo del tiempo`,
  trendSummary: (count, first, last) =>
    `Gráfico de ${plural('es', count, { one: '# resultado', other: '# resultados' })} del ${first} al ${last}.`,
  rangeLabel: (range) => `Rango normal: ${range}`,
  timeRange: 'Período',
  allTime: 'Todo',
  trendSpan: (years) => plural('es', years, { one: '# año', other: '# años' }),
  trendWindow: (span, end) => `${span} hasta el ${end}`,
  trendWindowAll: (first, last) => `Todos los resultados, del ${first} al ${last}`,
  backToResults: 'Volver a los resultados',
  downloadReport: 'Descargar el informe (PDF)',
  bookFollowUp: 'Pedir una cita de seguimiento',
  followUpReason: (report) => `Seguimiento de ${report}`,
  conclusion: 'Conclusión',
  loadMore: 'Mostrar resultados anteriores',
  allLoaded: 'Se muestran todos los resultados.',
  noDate: 'Fecha no registrada',
};

export default es;
