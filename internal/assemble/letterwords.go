package assemble

import (
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/date"
)

// Letter languages: the values of petitioner.language and --lang.
const (
	English = "en"
	Spanish = "es"
)

// words is how the client letter names one remedy and says what it does,
// in plain words (about a sixth- to eighth-grade reading level). The
// letter's sentences live in templates/letter/<lang>/; these names are
// data the templates print.
type words struct {
	Name string // a noun phrase, capitalised: "Dismissal of the conviction"
	What string // one sentence: what the remedy does for the client
}

// remedyWords has every remedy id of the eligibility package, in English
// and Spanish. A test fails when a remedy id has no entry in either
// language; an id still missing at run time gets genericWords.
var remedyWords = map[string]map[string]words{
	"17b": {
		English: {"Reduction to a misdemeanor", "The judge can change a felony to a misdemeanor."},
		Spanish: {"Reducción a delito menor (misdemeanor)", "El juez puede cambiar un delito grave (felony) a delito menor (misdemeanor)."},
	},
	"17d2": {
		English: {"Reduction to an infraction", "The judge can change a misdemeanor to an infraction, like a traffic ticket."},
		Spanish: {"Reducción a infracción", "El juez puede cambiar un delito menor a una infracción, como una multa de tránsito."},
	},
	"1203.4": {
		English: {"Dismissal of the conviction", "The judge can take back the guilty plea or verdict and dismiss the case. Most employers can no longer ask about it."},
		Spanish: {"Desestimación del caso", "El juez puede anular su declaración de culpabilidad o el veredicto y desestimar el caso. La mayoría de los empleadores ya no pueden preguntarle por él."},
	},
	"1203.4a": {
		English: {"Dismissal of the conviction", "The judge can take back the guilty plea or verdict and dismiss the case. Most employers can no longer ask about it."},
		Spanish: {"Desestimación del caso", "El juez puede anular su declaración de culpabilidad o el veredicto y desestimar el caso. La mayoría de los empleadores ya no pueden preguntarle por él."},
	},
	"1203.41": {
		English: {"Dismissal of a jail or prison conviction", "The judge can dismiss a felony that was punished with county jail or state prison."},
		Spanish: {"Desestimación de una condena con cárcel o prisión", "El juez puede desestimar un delito grave que se castigó con cárcel del condado o prisión estatal."},
	},
	"1203.42": {
		English: {"Dismissal of an older prison conviction", "The judge can dismiss a prison conviction from before 2011 for a crime now punished with county jail."},
		Spanish: {"Desestimación de una condena de prisión anterior a 2011", "El juez puede desestimar una condena de prisión de antes de 2011 por un delito que hoy se castiga con cárcel del condado."},
	},
	"1203.43": {
		English: {"Cancelling the plea after a completed program (DEJ)", "You finished a deferred entry of judgment (DEJ) program. The judge can cancel the guilty plea you made to enter it. This matters most for immigration."},
		Spanish: {"Anulación de la declaración de culpabilidad después del programa DEJ", "Usted terminó un programa de aplazamiento de sentencia (DEJ). El juez puede anular la declaración de culpabilidad que usted hizo para entrar en él. Esto importa sobre todo en asuntos de inmigración."},
	},
	"1203.49": {
		English: {"Relief for a victim of human trafficking", "The judge can set aside a prostitution conviction that happened because you were a victim of human trafficking."},
		Spanish: {"Alivio para víctimas de trata de personas", "El juez puede anular una condena por prostitución que ocurrió porque usted era víctima de trata de personas."},
	},
	"1203.425": {
		English: {"Automatic relief by the state", "The California Department of Justice clears some records on its own, without a court case. You do not need to file anything for it."},
		Spanish: {"Alivio automático del Estado", "El Departamento de Justicia de California limpia algunos antecedentes por su cuenta, sin ir a la corte. Usted no tiene que presentar nada para esto."},
	},
	"851.91": {
		English: {"Sealing of the arrest", "The judge can seal the record of this arrest. Then the arrest is treated as if it never happened, for most purposes."},
		Spanish: {"Sellado del arresto", "El juez puede ordenar el sellado del registro de este arresto. Así, para casi todo, el arresto se trata como si no hubiera ocurrido."},
	},
	"851.87": {
		English: {"Sealing of the arrest after a program", "You finished a program before charges were filed. The judge can seal the record of the arrest."},
		Spanish: {"Sellado del arresto después de un programa", "Usted terminó un programa antes de que presentaran cargos. El juez puede ordenar el sellado del registro del arresto."},
	},
	"851.90": {
		English: {"Sealing of the arrest after court diversion", "You finished a court diversion program. The judge can seal the record of the arrest."},
		Spanish: {"Sellado del arresto después de un programa de desvío (diversion)", "Usted terminó un programa de desvío (diversion) del tribunal. El juez puede ordenar el sellado del registro del arresto."},
	},
	"851.8": {
		English: {"A finding of factual innocence", "The judge can find that you did not commit the crime and seal and destroy the arrest record."},
		Spanish: {"Declaración de inocencia", "El juez puede declarar que usted no cometió el delito y ordenar el sellado y la destrucción del registro del arresto."},
	},
	"851.93": {
		English: {"Automatic sealing of the arrest by the state", "The California Department of Justice seals some arrest records on its own. You do not need to file anything for it."},
		Spanish: {"Sellado automático del arresto", "El Departamento de Justicia de California sella algunos registros de arresto por su cuenta. Usted no tiene que presentar nada para esto."},
	},
	"cor": {
		English: {"Certificate of Rehabilitation", "A court order that says you have changed your life. It also asks the Governor for a pardon. It helps with licenses and jobs."},
		Spanish: {"Certificado de Rehabilitación", "Una orden del tribunal que dice que usted ha cambiado su vida. También sirve como solicitud de indulto al Gobernador. Ayuda con licencias y empleos."},
	},
	"pardon": {
		English: {"Pardon from the Governor", "The Governor can forgive a California conviction. A pardon does not erase the record, but it is the highest form of forgiveness the state gives."},
		Spanish: {"Indulto del Gobernador", "El Gobernador puede perdonar una condena de California. El indulto no borra el antecedente, pero es el perdón más alto que da el Estado."},
	},
	"prop47": {
		English: {"Reduction under Proposition 47", "Some theft and drug felonies are now misdemeanors. The judge can change this felony to a misdemeanor."},
		Spanish: {"Reducción bajo la Proposición 47", "Algunos delitos graves de robo y de drogas ahora son delitos menores. El juez puede cambiar este delito grave a delito menor."},
	},
	"prop64": {
		English: {"Relief under Proposition 64 (marijuana)", "Marijuana laws changed. The judge can dismiss this conviction or make it a lesser offense."},
		Spanish: {"Alivio bajo la Proposición 64 (marihuana)", "Las leyes de marihuana cambiaron. El juez puede desestimar esta condena o convertirla en un delito menor."},
	},
	"1203.4b": {
		English: {"Dismissal for fire-camp service", "You served on a fire crew while in custody. The judge can dismiss the case."},
		Spanish: {"Desestimación por servicio en un campamento de bomberos", "Usted trabajó en una brigada de bomberos mientras estaba detenido. El juez puede desestimar el caso."},
	},
	"1203.45": {
		English: {"Sealing of a misdemeanor from before age 18", "The judge can seal the record of a misdemeanor you committed before you turned 18."},
		Spanish: {"Sellado de un delito menor cometido antes de los 18 años", "El juez puede ordenar el sellado del registro de un delito menor que usted cometió antes de cumplir 18 años."},
	},
	"236.14": {
		English: {"Clearing a conviction of a trafficking victim", "The judge can cancel a conviction and arrest for a crime you committed because you were a victim of human trafficking."},
		Spanish: {"Anulación para víctimas de trata de personas", "El juez puede anular la condena y el arresto por un delito que usted cometió porque era víctima de trata de personas."},
	},
	"1473.7": {
		English: {"Motion to vacate the conviction", "In some cases the judge can cancel a conviction, for example when nobody explained its immigration consequences to you."},
		Spanish: {"Moción para anular la condena", "En algunos casos el juez puede anular una condena, por ejemplo cuando nadie le explicó sus consecuencias de inmigración."},
	},
}

// genericWords names a remedy the table does not know yet.
var genericWords = map[string]words{
	English: {"Another kind of relief", "Your lawyer will explain this one to you."},
	Spanish: {"Otro tipo de alivio", "Su abogado le explicará esta opción."},
}

// remedyWordsFor returns the plain name and sentence of a remedy in lang,
// or the generic ones for an id the table lacks.
func remedyWordsFor(remedy, lang string) words {
	if w, ok := remedyWords[remedy][lang]; ok {
		return w
	}
	return genericWords[lang]
}

// barWords explains in one plain line why a remedy is not available,
// keyed by the citation of the finding's deciding reason. A citation the
// table lacks gets the remedy family's line, then a generic one.
var barWords = map[string]map[string]string{
	"Pen. Code, § 17, subd. (b)": {
		English: "The law does not allow it for this offense or for the sentence you got.",
		Spanish: "La ley no lo permite para este delito o para la sentencia que usted recibió.",
	},
	"Pen. Code, § 1203.4, subd. (b)": {
		English: "The law does not allow dismissal for this kind of offense.",
		Spanish: "La ley no permite la desestimación para este tipo de delito.",
	},
	"Pen. Code, § 1203.425, subd. (a)": {
		English: "The state's automatic relief does not cover this conviction. Asking the court is still possible where this letter says so.",
		Spanish: "El alivio automático del Estado no cubre esta condena. Todavía se puede pedir al tribunal donde esta carta lo indica.",
	},
	"Pen. Code, § 851.91, subd. (a)(2)(B)": {
		English: "For this kind of charge, the arrest can be sealed only after a not-guilty verdict or a finding that you are innocent.",
		Spanish: "Para este tipo de cargo, el arresto solo se puede sellar después de un veredicto de no culpable o de una declaración de inocencia.",
	},
	"Pen. Code, § 4852.01, subd. (a)": {
		English: "This certificate is for people with a California felony conviction.",
		Spanish: "Este certificado es para personas con una condena por delito grave (felony) en California.",
	},
	"Pen. Code, § 4852.01, subd. (c)": {
		English: "The law does not allow this certificate for this kind of conviction.",
		Spanish: "La ley no permite este certificado para este tipo de condena.",
	},
	"Pen. Code, § 4852.06": {
		English: "You must live in California to ask a court for it. You can ask the Governor directly instead.",
		Spanish: "Hay que vivir en California para pedirlo a un tribunal. En cambio, usted puede pedirlo directamente al Gobernador.",
	},
}

// genericBar is the line for a bar the table does not know.
var genericBar = map[string]string{
	English: "The law does not allow it in your situation. We can explain why.",
	Spanish: "La ley no lo permite en su situación. Con gusto le explicamos por qué.",
}

// reviewWords is the line for a finding that needs an attorney's look.
var reviewWords = map[string]string{
	English: "We need more information, or a lawyer must look at it more closely, before we can say.",
	Spanish: "Necesitamos más información, o un abogado debe revisarlo con más cuidado, antes de darle una respuesta.",
}

func barWordsFor(cite, lang string) string {
	if w, ok := barWords[cite][lang]; ok {
		return w
	}
	return genericBar[lang]
}

var monthsES = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// writtenDate writes d out in lang: "May 20, 2027" or "20 de mayo de 2027".
func writtenDate(d date.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == Spanish {
		t := d.Time()
		return strconv.Itoa(t.Day()) + " de " + monthsES[t.Month()-1] + " de " + strconv.Itoa(t.Year())
	}
	return d.Long()
}

// joinList joins items the way each language writes a list: "1, 2 and 3",
// "1, 2 y 3" (Spanish has no serial comma).
func joinList(items []string, lang string) string {
	and := " and "
	if lang == Spanish {
		and = " y "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}
