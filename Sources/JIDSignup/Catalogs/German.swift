extension Catalogs {
    static let german: [String: String] = [
        "jid.empty": "Bitte geben Sie eine Adresse ein.",
        "jid.too-long": "Das ist für eine Adresse viel zu lang.",
        "jid.invalid-utf8": "Dieser Text ist nicht lesbar. Bitte geben Sie ihn erneut ein.",
        "jid.not-stream-safe": "Auf Zeichen {position, number, integer} sind zu viele Akzente übereinander gesetzt.",
        "jid.invalid": "Diese Adresse ist ungültig.",

        "localpart.empty": "Bitte geben Sie einen Benutzernamen ein.",
        "localpart.too-long": "Dieser Benutzername ist zu lang. Bitte wählen Sie einen kürzeren.",
        "localpart.disallowed-codepoint":
            "Benutzernamen dürfen „{character}“ ({name}) nicht enthalten, Zeichen {position, number, integer}.",
        "localpart.unassigned-codepoint":
            "Zeichen {position, number, integer} ({character}) ist noch kein bekannter Buchstabe und kann in Benutzernamen nicht verwendet werden.",
        "localpart.context-rule":
            "„{character}“ ({name}) darf an dieser Stelle des Benutzernamens nicht stehen (Zeichen {position, number, integer}).",
        "localpart.bidi-rule":
            "Dieser Benutzername mischt Schrift von rechts nach links und von links nach rechts so, dass er irreführend angezeigt werden könnte.",
        "localpart.not-idempotent":
            "Dieser Benutzername würde sich bei jeder Verarbeitung ändern. Bitte verwenden Sie gewöhnliche Buchstaben und Ziffern.",
        "localpart.prohibited-codepoint":
            "Ältere Server erlaubten „{character}“ ({name}) in Benutzernamen nicht (Zeichen {position, number, integer}).",
        "localpart.excluded-character":
            "Benutzernamen dürfen „{character}“ nicht enthalten (Zeichen {position, number, integer}).",
        "localpart.invalid": "Dieser Benutzername ist ungültig.",

        "domainpart.empty": "Bitte geben Sie eine Domain ein (den Teil nach dem @).",
        "domainpart.too-long": "Diese Domain ist zu lang.",
        "domainpart.disallowed-codepoint":
            "Domains dürfen „{character}“ ({name}) nicht enthalten, Zeichen {position, number, integer}.",
        "domainpart.unassigned-codepoint":
            "Zeichen {position, number, integer} ({character}) ist noch kein bekannter Buchstabe und kann in Domains nicht verwendet werden.",
        "domainpart.context-rule":
            "„{character}“ ({name}) darf an dieser Stelle der Domain nicht stehen (Zeichen {position, number, integer}).",
        "domainpart.bidi-rule":
            "Diese Domain mischt Schrift von rechts nach links und von links nach rechts auf unzulässige Weise.",
        "domainpart.not-idempotent": "Diese Domain würde sich bei jeder Verarbeitung ändern.",
        "domainpart.prohibited-codepoint":
            "Ältere Server erlaubten „{character}“ ({name}) in Domains nicht (Zeichen {position, number, integer}).",
        "domainpart.empty-label": "Diese Domain beginnt mit einem Punkt oder hat zwei Punkte hintereinander.",
        "domainpart.label-too-long":
            "Ein Teil dieser Domain zwischen zwei Punkten ist länger als {limit, number, integer} Zeichen.",
        "domainpart.non-ldh-character":
            "Domains dürfen nur Buchstaben, Ziffern, Bindestriche und Punkte enthalten, nicht „{character}“ (Zeichen {position, number, integer}).",
        "domainpart.hyphen-start-end":
            "Ein Teil dieser Domain zwischen zwei Punkten beginnt oder endet mit einem Bindestrich.",
        "domainpart.reserved-label":
            "Ein Teil dieser Domain hat Bindestriche an dritter und vierter Stelle; das ist reserviert.",
        "domainpart.invalid-a-label": "Ein mit „xn--“ beginnender Teil dieser Domain ist kein gültiger kodierter Name.",
        "domainpart.leading-combining-mark": "Ein Teil dieser Domain beginnt mit einem Akzent.",
        "domainpart.numeric-tld": "Der letzte Teil einer Domain darf nicht nur aus Ziffern bestehen.",
        "domainpart.invalid-ipv4": "Das sieht wie eine IP-Adresse aus, ist aber keine gültige.",
        "domainpart.invalid-ipv6": "Das ist keine gültige IPv6-Adresse.",
        "domainpart.ipv6-zone-id":
            "Eine IPv6-Adresse darf hier keine Netzwerkschnittstelle nennen (den Teil nach %).",
        "domainpart.invalid-ip-literal": "In eckigen Klammern muss eine gültige IPv6-Adresse stehen.",
        "domainpart.idna-error": "Das ist kein gültiger internationaler Domainname.",
        "domainpart.dns-too-long":
            "Diese Domain ist zu lang, um im Internet gefunden zu werden (höchstens {limit, number, integer} Zeichen).",
        "domainpart.idna2003-error": "Ältere Server konnten diese Domain nicht lesen.",
        "domainpart.invalid": "Diese Domain ist ungültig.",

        "resourcepart.empty": "Der Teil nach dem Schrägstrich ist leer.",
        "resourcepart.too-long": "Der Teil nach dem Schrägstrich ist zu lang.",
        "resourcepart.disallowed-codepoint":
            "„{character}“ ({name}) darf nach dem Schrägstrich nicht stehen (Zeichen {position, number, integer}).",
        "resourcepart.unassigned-codepoint":
            "Zeichen {position, number, integer} ({character}) ist noch kein bekanntes Zeichen und darf nach dem Schrägstrich nicht stehen.",
        "resourcepart.context-rule":
            "„{character}“ ({name}) darf an dieser Stelle nach dem Schrägstrich nicht stehen (Zeichen {position, number, integer}).",
        "resourcepart.bidi-rule":
            "Der Teil nach dem Schrägstrich mischt Schrift von rechts nach links und von links nach rechts auf unzulässige Weise.",
        "resourcepart.not-idempotent": "Der Teil nach dem Schrägstrich würde sich bei jeder Verarbeitung ändern.",
        "resourcepart.prohibited-codepoint":
            "Ältere Server erlaubten „{character}“ ({name}) nach dem Schrägstrich nicht (Zeichen {position, number, integer}).",
        "resourcepart.invalid": "Der Teil nach dem Schrägstrich ist ungültig.",

        "confusable.mixed-script-confusable":
            "Dieser Name mischt ähnlich aussehende Buchstaben verschiedener Alphabete und könnte mit einem anderen Namen verwechselt werden.",
        "confusable.mixed-script":
            "Dieser Name mischt Buchstaben von Alphabeten, die sonst nicht zusammen geschrieben werden.",
        "confusable.whole-script-confusable":
            "Jeder Buchstabe dieses Namens sieht wie ein lateinischer aus; er könnte mit einem anderen Namen verwechselt werden.",
        "confusable.ascii-lookalike":
            "Dieser Name enthält ein Zeichen, das wie ein gewöhnlicher Buchstabe oder eine Ziffer aussieht, aber keines ist.",
        "confusable.digit-lookalike": "Dieser Name enthält ein Zeichen, das wie eine Ziffer aussieht, aber keine ist.",
        "confusable.mixed-numbers": "Dieser Name mischt Ziffern verschiedener Schriftsysteme.",
        "confusable.uncommon-character": "Dieser Name enthält ein Zeichen, das in kaum einer Sprache verwendet wird.",
        "confusable.uncommon-letter": "Dieser Name enthält einen Buchstaben, den nur wenige Sprachen verwenden.",
        "confusable.limited-use-script": "Dieser Name verwendet eine Schrift, die nur wenige Menschen lesen.",
        "confusable.excluded-script": "Dieser Name verwendet eine historische Schrift.",
        "confusable.invisible-character": "Dieser Name enthält ein unsichtbares Zeichen.",
        "confusable.repeated-mark": "Dieser Name trägt denselben Akzent zweimal auf einem Buchstaben.",
        "confusable.overlay-mark":
            "Dieser Name enthält ein Zeichen, das einen Buchstaben durchstreicht und seine Form verdecken kann.",
        "confusable.dot-on-dotted-letter":
            "Dieser Name setzt einen Punkt auf einen Buchstaben, der schon einen hat, etwa i oder j.",
        "confusable.mark-after-unrelated-script":
            "Dieser Name enthält einen Akzent, den sein Alphabet nicht verwendet.",
        "confusable.excessive-marks": "Dieser Name trägt zu viele Akzente auf einem Buchstaben.",
        "confusable.kana-out-of-context":
            "Dieser Name enthält ein japanisches Kana-Zeichen an einer Stelle, an der es nicht stehen kann.",
        "confusable.cjk-lookalike":
            "Dieser Name enthält ein chinesisches Zeichen, das wie ein Strich oder ein Satzzeichen aussieht.",
        "confusable.punctuation-lookalike": "Dieser Name enthält einen Buchstaben, der wie ein Satzzeichen aussieht.",
        "confusable.idna-deviation":
            "Dieser Name enthält ein Zeichen wie ß oder ς, das ältere Software anders liest.",
        "confusable.registered-skeleton": "Dieser Name sieht genauso aus wie ein bereits vergebener Name.",
        "confusable.registered-folded":
            "Dieser Name unterscheidet sich von einem bereits vergebenen Namen nur durch Akzente.",

        "signup.taken": "Dieser Benutzername ist bereits vergeben.",
        "signup.lookalike":
            "Dieser Benutzername ähnelt zu sehr einem bereits vergebenen. Bitte wählen Sie einen anderen.",
        "signup.available": "Dieser Benutzername ist verfügbar.",

        // The web page (/ and /ui/): labels and sentences without arguments.
        "ui.title": "XMPP-Adressprüfung",
        "ui.intro":
            "Prüfen Sie XMPP-Adressen, vergleichen Sie sie, erkennen Sie ähnlich aussehende Namen und prüfen Sie TLS-Zertifikate.",
        "ui.language": "Sprache",
        "ui.check.heading": "Adresse prüfen",
        "ui.check.label": "Adresse",
        "ui.check.valid": "Gültig. Die kanonische Form:",
        "ui.check.invalid": "Nicht gültig.",
        "ui.check.use": "Übernehmen:",
        "ui.part.localpart": "Benutzername",
        "ui.part.domainpart": "Domain",
        "ui.part.domainAscii": "Domain (ASCII)",
        "ui.part.resourcepart": "Ressource",
        "ui.compare.heading": "Zwei Adressen vergleichen",
        "ui.compare.first": "Erste Adresse",
        "ui.compare.second": "Zweite Adresse",
        "ui.compare.button": "Vergleichen",
        "ui.compare.equal": "Es ist dieselbe Adresse.",
        "ui.compare.bareEqual": "Dasselbe Konto mit verschiedenen Ressourcen.",
        "ui.compare.different": "Es sind verschiedene Adressen.",
        "ui.confusable.heading": "Ähnlich aussehende Namen",
        "ui.confusable.button": "Zeichen vergleichen",
        "ui.confusable.yes": "Diese beiden sehen gleich aus.",
        "ui.confusable.no": "Diese beiden sehen nicht gleich aus.",
        "ui.confusable.position": "Position",
        "ui.confusable.looksLike": "Sieht aus wie",
        "ui.confusable.score": "Risikowert",
        "ui.migration.heading": "Was sich für bestehende Adressen ändert",
        "ui.migration.label": "Adressen, eine pro Zeile",
        "ui.migration.button": "Zeilen prüfen",
        "ui.migration.line": "Zeile",
        "ui.migration.before": "Vorher",
        "ui.migration.after": "Nachher",
        "ui.migration.status": "Status",
        "ui.migration.reasons": "Warum",
        "ui.migration.collision": "Kollision",
        "ui.tls.heading": "TLS-Zertifikat einer Domain",
        "ui.tls.domain": "Domain",
        "ui.tls.pem": "Zertifikatskette (PEM, Serverzertifikat zuerst)",
        "ui.tls.verify": "Zertifikat prüfen",
        "ui.tls.verdict": "Ergebnis:",
        "ui.tls.probeDomain": "Domain eines laufenden Servers",
        "ui.tls.probe": "Server prüfen",
        "ui.tls.grade": "Note:",
        "ui.checking": "Wird geprüft …",
        "ui.error.unreachable": "Der Dienst ist nicht erreichbar.",
        "ui.error.refused": "Der Dienst hat die Anfrage abgelehnt:",
        "ui.widget.heading": "Baustein für Anmeldeformulare",
        "ui.widget.intro": "Ein Anmeldeformular prüft sein Benutzernamenfeld mit drei Zeilen:",
        "ui.widget.demo": "zur Demo",
        "ui.api": "Die API (OpenAPI)",
    ]
}
