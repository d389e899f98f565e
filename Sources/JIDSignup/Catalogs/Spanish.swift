extension Catalogs {
    static let spanish: [String: String] = [
        "jid.empty": "Introduce una dirección.",
        "jid.too-long": "Es demasiado largo para una dirección.",
        "jid.invalid-utf8": "No se pudo leer este texto. Vuelve a escribirlo.",
        "jid.not-stream-safe": "El carácter {position, number, integer} tiene demasiados acentos superpuestos.",
        "jid.invalid": "Esta dirección no es válida.",

        "localpart.empty": "Introduce un nombre de usuario.",
        "localpart.too-long": "Este nombre de usuario es demasiado largo. Elige uno más corto.",
        "localpart.disallowed-codepoint":
            "Los nombres de usuario no pueden contener «{character}» ({name}), carácter {position, number, integer}.",
        "localpart.unassigned-codepoint":
            "El carácter {position, number, integer} ({character}) aún no es una letra conocida, así que no puede usarse en nombres de usuario.",
        "localpart.context-rule":
            "«{character}» ({name}) no puede estar en esa posición del nombre de usuario (carácter {position, number, integer}).",
        "localpart.bidi-rule":
            "Este nombre de usuario mezcla escritura de derecha a izquierda y de izquierda a derecha de una forma que podría mostrarse de manera engañosa.",
        "localpart.not-idempotent":
            "Este nombre de usuario cambiaría cada vez que se procesa. Usa letras y dígitos corrientes.",
        "localpart.prohibited-codepoint":
            "Los servidores antiguos no permitían «{character}» ({name}) en nombres de usuario (carácter {position, number, integer}).",
        "localpart.excluded-character":
            "Los nombres de usuario no pueden contener «{character}» (carácter {position, number, integer}).",
        "localpart.invalid": "Este nombre de usuario no es válido.",

        "domainpart.empty": "Introduce un dominio (la parte después de la @).",
        "domainpart.too-long": "Este dominio es demasiado largo.",
        "domainpart.disallowed-codepoint":
            "Los dominios no pueden contener «{character}» ({name}), carácter {position, number, integer}.",
        "domainpart.unassigned-codepoint":
            "El carácter {position, number, integer} ({character}) aún no es una letra conocida, así que no puede usarse en dominios.",
        "domainpart.context-rule":
            "«{character}» ({name}) no puede estar en esa posición del dominio (carácter {position, number, integer}).",
        "domainpart.bidi-rule":
            "Este dominio mezcla escritura de derecha a izquierda y de izquierda a derecha de una forma no permitida.",
        "domainpart.not-idempotent": "Este dominio cambiaría cada vez que se procesa.",
        "domainpart.prohibited-codepoint":
            "Los servidores antiguos no permitían «{character}» ({name}) en dominios (carácter {position, number, integer}).",
        "domainpart.empty-label": "Este dominio empieza con un punto o tiene dos puntos seguidos.",
        "domainpart.label-too-long":
            "Una parte de este dominio entre puntos tiene más de {limit, number, integer} caracteres.",
        "domainpart.non-ldh-character":
            "Los dominios solo pueden contener letras, dígitos, guiones y puntos, no «{character}» (carácter {position, number, integer}).",
        "domainpart.hyphen-start-end": "Una parte de este dominio entre puntos empieza o termina con un guion.",
        "domainpart.reserved-label":
            "Una parte de este dominio tiene guiones en la tercera y cuarta posición, lo cual está reservado.",
        "domainpart.invalid-a-label":
            "Una parte de este dominio que empieza por «xn--» no es un nombre codificado válido.",
        "domainpart.leading-combining-mark": "Una parte de este dominio empieza con un acento.",
        "domainpart.numeric-tld": "La última parte de un dominio no puede tener solo dígitos.",
        "domainpart.invalid-ipv4": "Parece una dirección IP, pero no es válida.",
        "domainpart.invalid-ipv6": "No es una dirección IPv6 válida.",
        "domainpart.ipv6-zone-id":
            "Aquí una dirección IPv6 no puede indicar una interfaz de red (la parte después de %).",
        "domainpart.invalid-ip-literal": "Los corchetes deben contener una dirección IPv6 válida.",
        "domainpart.idna-error": "No es un nombre de dominio internacional válido.",
        "domainpart.dns-too-long":
            "Este dominio es demasiado largo para encontrarse en internet (como máximo {limit, number, integer} caracteres).",
        "domainpart.idna2003-error": "Los servidores antiguos no podían leer este dominio.",
        "domainpart.invalid": "Este dominio no es válido.",

        "resourcepart.empty": "La parte después de la barra está vacía.",
        "resourcepart.too-long": "La parte después de la barra es demasiado larga.",
        "resourcepart.disallowed-codepoint":
            "«{character}» ({name}) no puede usarse después de la barra (carácter {position, number, integer}).",
        "resourcepart.unassigned-codepoint":
            "El carácter {position, number, integer} ({character}) aún no es un carácter conocido, así que no puede usarse después de la barra.",
        "resourcepart.context-rule":
            "«{character}» ({name}) no puede estar en esa posición después de la barra (carácter {position, number, integer}).",
        "resourcepart.bidi-rule":
            "La parte después de la barra mezcla escritura de derecha a izquierda y de izquierda a derecha de una forma no permitida.",
        "resourcepart.not-idempotent": "La parte después de la barra cambiaría cada vez que se procesa.",
        "resourcepart.prohibited-codepoint":
            "Los servidores antiguos no permitían «{character}» ({name}) después de la barra (carácter {position, number, integer}).",
        "resourcepart.invalid": "La parte después de la barra no es válida.",

        "confusable.mixed-script-confusable":
            "Este nombre mezcla letras parecidas de alfabetos distintos, así que podría confundirse con otro nombre.",
        "confusable.mixed-script": "Este nombre mezcla letras de alfabetos que no suelen escribirse juntos.",
        "confusable.whole-script-confusable":
            "Todas las letras de este nombre parecen latinas, así que podría confundirse con otro nombre.",
        "confusable.ascii-lookalike":
            "Este nombre tiene un carácter que parece una letra o un dígito corriente, pero no lo es.",
        "confusable.digit-lookalike": "Este nombre tiene un carácter que parece un dígito, pero no lo es.",
        "confusable.mixed-numbers": "Este nombre mezcla dígitos de sistemas de escritura distintos.",
        "confusable.uncommon-character": "Este nombre tiene un carácter que casi ningún idioma usa.",
        "confusable.uncommon-letter": "Este nombre tiene una letra que pocos idiomas usan.",
        "confusable.limited-use-script": "Este nombre usa una escritura que poca gente lee.",
        "confusable.excluded-script": "Este nombre usa una escritura histórica.",
        "confusable.invisible-character": "Este nombre tiene un carácter invisible.",
        "confusable.repeated-mark": "Este nombre tiene el mismo acento dos veces sobre una letra.",
        "confusable.overlay-mark": "Este nombre tiene un signo que tacha una letra y puede ocultar su forma.",
        "confusable.dot-on-dotted-letter":
            "Este nombre pone un punto sobre una letra que ya tiene uno, como la i o la j.",
        "confusable.mark-after-unrelated-script": "Este nombre tiene un acento que su alfabeto no usa.",
        "confusable.excessive-marks": "Este nombre tiene demasiados acentos sobre una letra.",
        "confusable.kana-out-of-context": "Este nombre tiene un signo kana japonés donde no puede ir.",
        "confusable.cjk-lookalike": "Este nombre tiene un carácter chino que parece una raya o un signo de puntuación.",
        "confusable.punctuation-lookalike": "Este nombre tiene una letra que parece un signo de puntuación.",
        "confusable.idna-deviation":
            "Este nombre tiene un carácter, como ß o ς, que los programas antiguos leen de otra manera.",
        "confusable.registered-skeleton": "Este nombre se ve igual que un nombre que ya está ocupado.",
        "confusable.registered-folded":
            "Este nombre solo se diferencia en los acentos de un nombre que ya está ocupado.",

        "signup.taken": "Este nombre de usuario ya está ocupado.",
        "signup.lookalike": "Este nombre de usuario se parece demasiado a uno que ya está ocupado. Elige otro.",
        "signup.available": "Este nombre de usuario está disponible.",

        // The web page (/ and /ui/): labels and sentences without arguments.
        "ui.title": "Comprobador de direcciones XMPP",
        "ui.intro": "Compruebe direcciones XMPP, compárelas, detecte nombres que se parecen y revise certificados TLS.",
        "ui.language": "Idioma",
        "ui.check.heading": "Comprobar una dirección",
        "ui.check.label": "Dirección",
        "ui.check.valid": "Válida. Su forma canónica:",
        "ui.check.invalid": "No es válida.",
        "ui.check.use": "Usar",
        "ui.part.localpart": "Nombre de usuario",
        "ui.part.domainpart": "Dominio",
        "ui.part.domainAscii": "Dominio (ASCII)",
        "ui.part.resourcepart": "Recurso",
        "ui.compare.heading": "Comparar dos direcciones",
        "ui.compare.first": "Primera dirección",
        "ui.compare.second": "Segunda dirección",
        "ui.compare.button": "Comparar",
        "ui.compare.equal": "Son la misma dirección.",
        "ui.compare.bareEqual": "La misma cuenta, con recursos distintos.",
        "ui.compare.different": "Son direcciones distintas.",
        "ui.confusable.heading": "Nombres que se parecen",
        "ui.confusable.button": "Comparar los caracteres",
        "ui.confusable.yes": "Estas dos se parecen.",
        "ui.confusable.no": "Estas dos no se parecen.",
        "ui.confusable.position": "Posición",
        "ui.confusable.looksLike": "Se parece a",
        "ui.confusable.score": "Puntuación de riesgo",
        "ui.migration.heading": "Qué cambia para las direcciones existentes",
        "ui.migration.label": "Direcciones, una por línea",
        "ui.migration.button": "Comprobar las líneas",
        "ui.migration.line": "Línea",
        "ui.migration.before": "Antes",
        "ui.migration.after": "Después",
        "ui.migration.status": "Estado",
        "ui.migration.reasons": "Por qué",
        "ui.migration.collision": "Colisión",
        "ui.tls.heading": "Certificado TLS de un dominio",
        "ui.tls.domain": "Dominio",
        "ui.tls.pem": "Cadena de certificados (PEM, primero el del servidor)",
        "ui.tls.verify": "Verificar el certificado",
        "ui.tls.verdict": "Resultado:",
        "ui.tls.probeDomain": "Dominio de un servidor en marcha",
        "ui.tls.probe": "Sondear el servidor",
        "ui.tls.grade": "Nota:",
        "ui.checking": "Comprobando…",
        "ui.error.unreachable": "No se pudo contactar con el servicio.",
        "ui.error.refused": "El servicio rechazó la solicitud:",
        "ui.widget.heading": "Componente para formularios de registro",
        "ui.widget.intro": "Un formulario de registro comprueba su campo de nombre de usuario con tres líneas:",
        "ui.widget.demo": "ver la demostración",
        "ui.api": "La API (OpenAPI)",
    ]
}
