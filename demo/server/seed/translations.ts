/**
 * Spanish and Arabic for the words patients read in the seed (visit types, lab tests, specimens,
 * coded results, dose units), carried as the FHIR translation extension on `_text`, `_display` and `_unit`.
 */
import type { CodeableConcept, Coding, Element, Extension } from 'fhir/r4';

export const TRANSLATION_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

/** The languages the seed is translated into, besides English. */
export const SEED_LANGUAGES = ['es', 'ar'] as const;
type SeedLanguage = (typeof SEED_LANGUAGES)[number];

/** English text → its translations. */
const TRANSLATIONS: Readonly<Record<string, Readonly<Record<SeedLanguage, string>>>> = {
  // Visit types
  'Annual physical': { es: 'Examen físico anual', ar: 'الفحص الطبي السنوي' },
  'Well-child visit': { es: 'Control del niño sano', ar: 'زيارة متابعة صحة الطفل' },
  'Follow-up visit': { es: 'Consulta de seguimiento', ar: 'زيارة متابعة' },
  'New patient visit': { es: 'Consulta de paciente nuevo', ar: 'زيارة مريض جديد' },
  'Sick visit': { es: 'Consulta por enfermedad', ar: 'زيارة مرضية' },
  'Skin check': { es: 'Revisión de la piel', ar: 'فحص الجلد' },
  // Lab panels
  'Complete blood count (CBC)': { es: 'Hemograma completo', ar: 'تعداد الدم الكامل' },
  'CBC with differential': { es: 'Hemograma con fórmula leucocitaria', ar: 'تعداد الدم الكامل مع التفريق' },
  'Basic metabolic panel (BMP)': { es: 'Panel metabólico básico', ar: 'لوحة الأيض الأساسية' },
  'Lipid panel': { es: 'Perfil lipídico', ar: 'لوحة الدهون' },
  'Hemoglobin A1c': { es: 'Hemoglobina A1c', ar: 'الهيموغلوبين السكري A1c' },
  'Thyroid stimulating hormone (TSH)': { es: 'Hormona estimulante de la tiroides (TSH)', ar: 'الهرمون المنبه للغدة الدرقية (TSH)' },
  Ferritin: { es: 'Ferritina', ar: 'الفيريتين' },
  Urinalysis: { es: 'Análisis de orina', ar: 'تحليل البول' },
  // Lab tests
  'White blood cells': { es: 'Glóbulos blancos', ar: 'خلايا الدم البيضاء' },
  'Red blood cells': { es: 'Glóbulos rojos', ar: 'خلايا الدم الحمراء' },
  Hemoglobin: { es: 'Hemoglobina', ar: 'الهيموغلوبين' },
  Hematocrit: { es: 'Hematocrito', ar: 'الهيماتوكريت' },
  Platelets: { es: 'Plaquetas', ar: 'الصفائح الدموية' },
  Neutrophils: { es: 'Neutrófilos', ar: 'العدلات' },
  Lymphocytes: { es: 'Linfocitos', ar: 'الخلايا اللمفاوية' },
  Monocytes: { es: 'Monocitos', ar: 'الخلايا الوحيدة' },
  Eosinophils: { es: 'Eosinófilos', ar: 'الحمضات' },
  Basophils: { es: 'Basófilos', ar: 'القعدات' },
  Glucose: { es: 'Glucosa', ar: 'الغلوكوز' },
  'Urea nitrogen (BUN)': { es: 'Nitrógeno ureico (BUN)', ar: 'نيتروجين اليوريا (BUN)' },
  Creatinine: { es: 'Creatinina', ar: 'الكرياتينين' },
  Sodium: { es: 'Sodio', ar: 'الصوديوم' },
  Potassium: { es: 'Potasio', ar: 'البوتاسيوم' },
  Chloride: { es: 'Cloruro', ar: 'الكلوريد' },
  'Carbon dioxide (CO2)': { es: 'Dióxido de carbono (CO2)', ar: 'ثاني أكسيد الكربون (CO2)' },
  Calcium: { es: 'Calcio', ar: 'الكالسيوم' },
  eGFR: { es: 'Filtrado glomerular estimado (eGFR)', ar: 'معدل الترشيح الكبيبي المقدّر (eGFR)' },
  'Total cholesterol': { es: 'Colesterol total', ar: 'الكوليسترول الكلي' },
  Triglycerides: { es: 'Triglicéridos', ar: 'الدهون الثلاثية' },
  'HDL cholesterol': { es: 'Colesterol HDL', ar: 'كوليسترول HDL' },
  'LDL cholesterol': { es: 'Colesterol LDL', ar: 'كوليسترول LDL' },
  TSH: { es: 'TSH', ar: 'الهرمون المنبه للدرقية' },
  'Glucose, fingerstick': { es: 'Glucosa capilar', ar: 'غلوكوز الدم من الإصبع' },
  'Urine color': { es: 'Color de la orina', ar: 'لون البول' },
  'Urine appearance': { es: 'Aspecto de la orina', ar: 'مظهر البول' },
  'Urine specific gravity': { es: 'Densidad de la orina', ar: 'الكثافة النوعية للبول' },
  'Urine pH': { es: 'pH de la orina', ar: 'حموضة البول (pH)' },
  'Urine glucose': { es: 'Glucosa en orina', ar: 'الغلوكوز في البول' },
  'Urine protein': { es: 'Proteínas en orina', ar: 'البروتين في البول' },
  'Urine ketones': { es: 'Cetonas en orina', ar: 'الكيتونات في البول' },
  'Urine blood': { es: 'Sangre en orina', ar: 'الدم في البول' },
  'Urine nitrite': { es: 'Nitritos en orina', ar: 'النتريت في البول' },
  'Urine leukocyte esterase': { es: 'Esterasa leucocitaria en orina', ar: 'إستراز الكريات البيض في البول' },
  'Urine bacteria': { es: 'Bacterias en orina', ar: 'البكتيريا في البول' },
  'Rapid strep test': { es: 'Prueba rápida de estreptococo', ar: 'اختبار العقديات السريع' },
  'Urine pregnancy test': { es: 'Prueba de embarazo en orina', ar: 'اختبار الحمل في البول' },
  'Lab report': { es: 'Informe de laboratorio', ar: 'تقرير المختبر' },
  // Specimens
  Blood: { es: 'Sangre', ar: 'دم' },
  Serum: { es: 'Suero', ar: 'مصل' },
  Urine: { es: 'Orina', ar: 'بول' },
  // Coded results
  Negative: { es: 'Negativo', ar: 'سلبي' },
  Positive: { es: 'Positivo', ar: 'إيجابي' },
  Trace: { es: 'Trazas', ar: 'آثار' },
  'Not detected': { es: 'No detectado', ar: 'غير مكتشف' },
  Yellow: { es: 'Amarillo', ar: 'أصفر' },
  Clear: { es: 'Transparente', ar: 'صافٍ' },
  // Dose and duration units written as words
  tablet: { es: 'comprimido', ar: 'قرص' },
  tablets: { es: 'comprimidos', ar: 'أقراص' },
  capsule: { es: 'cápsula', ar: 'كبسولة' },
  puffs: { es: 'inhalaciones', ar: 'بخات' },
  units: { es: 'unidades', ar: 'وحدات' },
  days: { es: 'días', ar: 'أيام' },
  years: { es: 'años', ar: 'سنوات' },
};

/** The translation extensions for `text` (none when the seed has no translation of it). */
export function translationExtensions(text: string | undefined): Extension[] {
  const translations = text === undefined ? undefined : TRANSLATIONS[text];
  if (!translations) return [];
  return SEED_LANGUAGES.map((lang) => ({
    url: TRANSLATION_EXTENSION_URL,
    extension: [
      { url: 'lang', valueCode: lang },
      { url: 'content', valueString: translations[lang] },
    ],
  }));
}

/** The `_<name>` element carrying the translations of `text`, to spread next to it: `{ text, ...translatedElement('text', text) }`. */
export function translatedElement<K extends string>(name: K, text: string | undefined): Partial<Record<`_${K}`, Element>> {
  const extension = translationExtensions(text);
  return extension.length ? ({ [`_${name}`]: { extension } } as Partial<Record<`_${K}`, Element>>) : {};
}

/** A coding with its display's translations, when the seed has them. */
export function translatedCoding(coding: Coding): Coding {
  return { ...coding, ...translatedElement('display', coding.display) };
}

/** A concept with the translations of its text and of its codings' displays, when the seed has them. */
export function translatedConcept(cc: CodeableConcept): CodeableConcept {
  return {
    ...cc,
    // A display that repeats the text is read through the text's translations.
    ...(cc.coding ? { coding: cc.coding.map((c) => (c.display === cc.text && TRANSLATIONS[cc.text ?? ''] ? c : translatedCoding(c))) } : {}),
    ...translatedElement('text', cc.text),
  };
}
