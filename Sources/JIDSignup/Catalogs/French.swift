extension Catalogs {
    static let french: [String: String] = [
        "jid.empty": "Veuillez saisir une adresse.",
        "jid.too-long": "C’est beaucoup trop long pour une adresse.",
        "jid.invalid-utf8": "Ce texte est illisible. Veuillez le saisir à nouveau.",
        "jid.not-stream-safe": "Le caractère {position, number, integer} porte trop d’accents superposés.",
        "jid.invalid": "Cette adresse n’est pas valide.",

        "localpart.empty": "Veuillez saisir un nom d’utilisateur.",
        "localpart.too-long": "Ce nom d’utilisateur est trop long. Veuillez en choisir un plus court.",
        "localpart.disallowed-codepoint":
            "Un nom d’utilisateur ne peut pas contenir « {character} » ({name}), caractère {position, number, integer}.",
        "localpart.unassigned-codepoint":
            "Le caractère {position, number, integer} ({character}) n’est pas encore une lettre connue ; un nom d’utilisateur ne peut pas l’utiliser.",
        "localpart.context-rule":
            "« {character} » ({name}) ne peut pas se trouver à cet endroit du nom d’utilisateur (caractère {position, number, integer}).",
        "localpart.bidi-rule":
            "Ce nom d’utilisateur mélange écriture de droite à gauche et de gauche à droite d’une manière qui pourrait s’afficher de façon trompeuse.",
        "localpart.not-idempotent":
            "Ce nom d’utilisateur changerait à chaque traitement. Veuillez utiliser des lettres et des chiffres ordinaires.",
        "localpart.prohibited-codepoint":
            "Les anciens serveurs n’acceptaient pas « {character} » ({name}) dans les noms d’utilisateur (caractère {position, number, integer}).",
        "localpart.excluded-character":
            "Un nom d’utilisateur ne peut pas contenir « {character} » (caractère {position, number, integer}).",
        "localpart.invalid": "Ce nom d’utilisateur n’est pas valide.",

        "domainpart.empty": "Veuillez saisir un domaine (la partie après le @).",
        "domainpart.too-long": "Ce domaine est trop long.",
        "domainpart.disallowed-codepoint":
            "Un domaine ne peut pas contenir « {character} » ({name}), caractère {position, number, integer}.",
        "domainpart.unassigned-codepoint":
            "Le caractère {position, number, integer} ({character}) n’est pas encore une lettre connue ; un domaine ne peut pas l’utiliser.",
        "domainpart.context-rule":
            "« {character} » ({name}) ne peut pas se trouver à cet endroit du domaine (caractère {position, number, integer}).",
        "domainpart.bidi-rule":
            "Ce domaine mélange écriture de droite à gauche et de gauche à droite d’une manière non autorisée.",
        "domainpart.not-idempotent": "Ce domaine changerait à chaque traitement.",
        "domainpart.prohibited-codepoint":
            "Les anciens serveurs n’acceptaient pas « {character} » ({name}) dans les domaines (caractère {position, number, integer}).",
        "domainpart.empty-label": "Ce domaine commence par un point ou contient deux points à la suite.",
        "domainpart.label-too-long":
            "Une partie de ce domaine entre deux points dépasse {limit, number, integer} caractères.",
        "domainpart.non-ldh-character":
            "Un domaine ne peut contenir que des lettres, des chiffres, des tirets et des points, pas « {character} » (caractère {position, number, integer}).",
        "domainpart.hyphen-start-end": "Une partie de ce domaine entre deux points commence ou finit par un tiret.",
        "domainpart.reserved-label":
            "Une partie de ce domaine a des tirets en troisième et quatrième position, ce qui est réservé.",
        "domainpart.invalid-a-label":
            "Une partie de ce domaine commençant par « xn-- » n’est pas un nom encodé valide.",
        "domainpart.leading-combining-mark": "Une partie de ce domaine commence par un accent.",
        "domainpart.numeric-tld": "La dernière partie d’un domaine ne peut pas être composée uniquement de chiffres.",
        "domainpart.invalid-ipv4": "Cela ressemble à une adresse IP, mais elle n’est pas valide.",
        "domainpart.invalid-ipv6": "Ce n’est pas une adresse IPv6 valide.",
        "domainpart.ipv6-zone-id":
            "Une adresse IPv6 ne peut pas indiquer ici d’interface réseau (la partie après %).",
        "domainpart.invalid-ip-literal": "Les crochets doivent contenir une adresse IPv6 valide.",
        "domainpart.idna-error": "Ce n’est pas un nom de domaine international valide.",
        "domainpart.dns-too-long":
            "Ce domaine est trop long pour être trouvé sur Internet ({limit, number, integer} caractères au plus).",
        "domainpart.idna2003-error": "Les anciens serveurs ne pouvaient pas lire ce domaine.",
        "domainpart.invalid": "Ce domaine n’est pas valide.",

        "resourcepart.empty": "La partie après la barre oblique est vide.",
        "resourcepart.too-long": "La partie après la barre oblique est trop longue.",
        "resourcepart.disallowed-codepoint":
            "« {character} » ({name}) ne peut pas être utilisé après la barre oblique (caractère {position, number, integer}).",
        "resourcepart.unassigned-codepoint":
            "Le caractère {position, number, integer} ({character}) n’est pas encore un caractère connu ; il ne peut pas être utilisé après la barre oblique.",
        "resourcepart.context-rule":
            "« {character} » ({name}) ne peut pas se trouver à cet endroit après la barre oblique (caractère {position, number, integer}).",
        "resourcepart.bidi-rule":
            "La partie après la barre oblique mélange écriture de droite à gauche et de gauche à droite d’une manière non autorisée.",
        "resourcepart.not-idempotent": "La partie après la barre oblique changerait à chaque traitement.",
        "resourcepart.prohibited-codepoint":
            "Les anciens serveurs n’acceptaient pas « {character} » ({name}) après la barre oblique (caractère {position, number, integer}).",
        "resourcepart.invalid": "La partie après la barre oblique n’est pas valide.",

        "confusable.mixed-script-confusable":
            "Ce nom mélange des lettres d’alphabets différents qui se ressemblent ; on pourrait le confondre avec un autre nom.",
        "confusable.mixed-script": "Ce nom mélange des lettres d’alphabets qui ne s’écrivent pas ensemble d’ordinaire.",
        "confusable.whole-script-confusable":
            "Chaque lettre de ce nom ressemble à une lettre latine ; on pourrait le confondre avec un autre nom.",
        "confusable.ascii-lookalike":
            "Ce nom contient un caractère qui ressemble à une lettre ou un chiffre ordinaire sans en être un.",
        "confusable.digit-lookalike": "Ce nom contient un caractère qui ressemble à un chiffre sans en être un.",
        "confusable.mixed-numbers": "Ce nom mélange des chiffres de systèmes d’écriture différents.",
        "confusable.uncommon-character":
            "Ce nom contient un caractère rarement utilisé, dans quelque langue que ce soit.",
        "confusable.uncommon-letter": "Ce nom contient une lettre que peu de langues utilisent.",
        "confusable.limited-use-script": "Ce nom utilise une écriture que peu de gens savent lire.",
        "confusable.excluded-script": "Ce nom utilise une écriture historique.",
        "confusable.invisible-character": "Ce nom contient un caractère invisible.",
        "confusable.repeated-mark": "Ce nom porte deux fois le même accent sur une lettre.",
        "confusable.overlay-mark": "Ce nom contient un signe qui barre une lettre et peut en masquer la forme.",
        "confusable.dot-on-dotted-letter": "Ce nom ajoute un point sur une lettre qui en a déjà un, comme i ou j.",
        "confusable.mark-after-unrelated-script": "Ce nom contient un accent que son alphabet n’utilise pas.",
        "confusable.excessive-marks": "Ce nom porte trop d’accents sur une même lettre.",
        "confusable.kana-out-of-context": "Ce nom contient un signe kana japonais là où il ne peut pas figurer.",
        "confusable.cjk-lookalike":
            "Ce nom contient un caractère chinois qui ressemble à un trait ou à une ponctuation.",
        "confusable.punctuation-lookalike": "Ce nom contient une lettre qui ressemble à une ponctuation.",
        "confusable.idna-deviation":
            "Ce nom contient un caractère, comme ß ou ς, que les anciens logiciels lisent autrement.",
        "confusable.registered-skeleton": "Ce nom ressemble à s’y méprendre à un nom déjà pris.",
        "confusable.registered-folded": "Ce nom ne diffère d’un nom déjà pris que par ses accents.",

        "signup.taken": "Ce nom d’utilisateur est déjà pris.",
        "signup.lookalike": "Ce nom d’utilisateur ressemble trop à un nom déjà pris. Veuillez en choisir un autre.",
        "signup.available": "Ce nom d’utilisateur est disponible.",

        // The web page (/ and /ui/): labels and sentences without arguments.
        "ui.title": "Vérificateur d’adresses XMPP",
        "ui.intro":
            "Vérifiez des adresses XMPP, comparez-les, repérez les noms qui se ressemblent et contrôlez les certificats TLS.",
        "ui.language": "Langue",
        "ui.check.heading": "Vérifier une adresse",
        "ui.check.label": "Adresse",
        "ui.check.valid": "Valide. Sa forme canonique :",
        "ui.check.invalid": "Non valide.",
        "ui.check.use": "Utiliser",
        "ui.part.localpart": "Nom d’utilisateur",
        "ui.part.domainpart": "Domaine",
        "ui.part.domainAscii": "Domaine (ASCII)",
        "ui.part.resourcepart": "Ressource",
        "ui.compare.heading": "Comparer deux adresses",
        "ui.compare.first": "Première adresse",
        "ui.compare.second": "Seconde adresse",
        "ui.compare.button": "Comparer",
        "ui.compare.equal": "C’est la même adresse.",
        "ui.compare.bareEqual": "Le même compte, avec des ressources différentes.",
        "ui.compare.different": "Ce sont des adresses différentes.",
        "ui.confusable.heading": "Noms qui se ressemblent",
        "ui.confusable.button": "Comparer les caractères",
        "ui.confusable.yes": "Ces deux adresses se ressemblent.",
        "ui.confusable.no": "Ces deux adresses ne se ressemblent pas.",
        "ui.confusable.position": "Position",
        "ui.confusable.looksLike": "Ressemble à",
        "ui.confusable.score": "Score de risque",
        "ui.migration.heading": "Ce qui change pour les adresses existantes",
        "ui.migration.label": "Adresses, une par ligne",
        "ui.migration.button": "Vérifier les lignes",
        "ui.migration.line": "Ligne",
        "ui.migration.before": "Avant",
        "ui.migration.after": "Après",
        "ui.migration.status": "Statut",
        "ui.migration.reasons": "Pourquoi",
        "ui.migration.collision": "Collision",
        "ui.tls.heading": "Certificat TLS d’un domaine",
        "ui.tls.domain": "Domaine",
        "ui.tls.pem": "Chaîne de certificats (PEM, certificat du serveur en premier)",
        "ui.tls.verify": "Vérifier le certificat",
        "ui.tls.verdict": "Verdict :",
        "ui.tls.probeDomain": "Domaine d’un serveur en service",
        "ui.tls.probe": "Sonder le serveur",
        "ui.tls.grade": "Note :",
        "ui.checking": "Vérification…",
        "ui.error.unreachable": "Le service est injoignable.",
        "ui.error.refused": "Le service a refusé la requête :",
        "ui.widget.heading": "Composant pour formulaire d’inscription",
        "ui.widget.intro": "Un formulaire d’inscription vérifie son champ de nom d’utilisateur avec trois lignes :",
        "ui.widget.demo": "voir la démonstration",
        "ui.api": "L’API (OpenAPI)",
    ]
}
