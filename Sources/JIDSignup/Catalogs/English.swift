extension Catalogs {
    /// English, the fallback: the reference every other catalog matches key for key and argument for argument.
    static let english: [String: String] = [
        "jid.empty": "Please enter an address.",
        "jid.too-long": "This is far too long for an address.",
        "jid.invalid-utf8": "This text could not be read. Please type it again.",
        "jid.not-stream-safe": "Character {position, number, integer} has too many accent marks stacked on it.",
        "jid.invalid": "This is not a valid address.",

        "localpart.empty": "Please enter a username.",
        "localpart.too-long": "This username is too long. Please choose a shorter one.",
        "localpart.disallowed-codepoint":
            "Usernames cannot contain “{character}” ({name}), character {position, number, integer}.",
        "localpart.unassigned-codepoint":
            "Character {position, number, integer} ({character}) is not a known letter yet, so usernames cannot use it.",
        "localpart.context-rule":
            "“{character}” ({name}) cannot be used where it is in this username (character {position, number, integer}).",
        "localpart.bidi-rule":
            "This username mixes right-to-left and left-to-right writing in a way that could be displayed misleadingly.",
        "localpart.not-idempotent":
            "This username would keep changing each time it is processed. Please use ordinary letters and digits.",
        "localpart.prohibited-codepoint":
            "Older servers did not allow “{character}” ({name}) in usernames (character {position, number, integer}).",
        "localpart.excluded-character":
            "Usernames cannot contain “{character}” (character {position, number, integer}).",
        "localpart.invalid": "This username is not valid.",

        "domainpart.empty": "Please enter a domain (the part after the @).",
        "domainpart.too-long": "This domain is too long.",
        "domainpart.disallowed-codepoint":
            "Domains cannot contain “{character}” ({name}), character {position, number, integer}.",
        "domainpart.unassigned-codepoint":
            "Character {position, number, integer} ({character}) is not a known letter yet, so domains cannot use it.",
        "domainpart.context-rule":
            "“{character}” ({name}) cannot be used where it is in this domain (character {position, number, integer}).",
        "domainpart.bidi-rule":
            "This domain mixes right-to-left and left-to-right writing in a way that is not allowed.",
        "domainpart.not-idempotent": "This domain would keep changing each time it is processed.",
        "domainpart.prohibited-codepoint":
            "Older servers did not allow “{character}” ({name}) in domains (character {position, number, integer}).",
        "domainpart.empty-label": "This domain starts with a dot or has two dots in a row.",
        "domainpart.label-too-long":
            "A part of this domain between dots is longer than {limit, number, integer} characters.",
        "domainpart.non-ldh-character":
            "Domains can only contain letters, digits, hyphens and dots, not “{character}” (character {position, number, integer}).",
        "domainpart.hyphen-start-end": "A part of this domain between dots starts or ends with a hyphen.",
        "domainpart.reserved-label":
            "A part of this domain has hyphens as its third and fourth characters, which is reserved.",
        "domainpart.invalid-a-label": "A part of this domain that starts with “xn--” is not a valid encoded name.",
        "domainpart.leading-combining-mark": "A part of this domain starts with an accent mark.",
        "domainpart.numeric-tld": "The last part of a domain cannot be only digits.",
        "domainpart.invalid-ipv4": "This looks like an IP address, but it is not a valid one.",
        "domainpart.invalid-ipv6": "This is not a valid IPv6 address.",
        "domainpart.ipv6-zone-id": "An IPv6 address here cannot name a network interface (the part after %).",
        "domainpart.invalid-ip-literal": "Square brackets must hold a valid IPv6 address.",
        "domainpart.idna-error": "This is not a valid international domain name.",
        "domainpart.dns-too-long":
            "This domain is too long to be found on the internet (at most {limit, number, integer} characters).",
        "domainpart.idna2003-error": "Older servers could not read this domain.",
        "domainpart.invalid": "This domain is not valid.",

        "resourcepart.empty": "The part after the slash is empty.",
        "resourcepart.too-long": "The part after the slash is too long.",
        "resourcepart.disallowed-codepoint":
            "“{character}” ({name}) cannot be used after the slash (character {position, number, integer}).",
        "resourcepart.unassigned-codepoint":
            "Character {position, number, integer} ({character}) is not a known character yet, so it cannot be used after the slash.",
        "resourcepart.context-rule":
            "“{character}” ({name}) cannot be used where it is after the slash (character {position, number, integer}).",
        "resourcepart.bidi-rule":
            "The part after the slash mixes right-to-left and left-to-right writing in a way that is not allowed.",
        "resourcepart.not-idempotent": "The part after the slash would keep changing each time it is processed.",
        "resourcepart.prohibited-codepoint":
            "Older servers did not allow “{character}” ({name}) after the slash (character {position, number, integer}).",
        "resourcepart.invalid": "The part after the slash is not valid.",

        "confusable.mixed-script-confusable":
            "This name mixes letters of different alphabets that look alike, so it could be mistaken for another name.",
        "confusable.mixed-script": "This name mixes letters of alphabets that are not normally written together.",
        "confusable.whole-script-confusable":
            "Every letter of this name looks like a Latin letter, so it could be mistaken for another name.",
        "confusable.ascii-lookalike":
            "This name has a character that looks like a plain letter or digit but is not one.",
        "confusable.digit-lookalike": "This name has a character that looks like a digit but is not one.",
        "confusable.mixed-numbers": "This name mixes digits of different writing systems.",
        "confusable.uncommon-character": "This name has a character that is rarely used in any language.",
        "confusable.uncommon-letter": "This name has a letter that few languages use.",
        "confusable.limited-use-script": "This name uses a writing system that few people read.",
        "confusable.excluded-script": "This name uses a historic writing system.",
        "confusable.invisible-character": "This name has an invisible character.",
        "confusable.repeated-mark": "This name has the same accent mark twice on one letter.",
        "confusable.overlay-mark": "This name has a mark drawn through a letter, which can hide what the letter is.",
        "confusable.dot-on-dotted-letter": "This name puts a dot on a letter that already has one, such as i or j.",
        "confusable.mark-after-unrelated-script": "This name has an accent mark that its alphabet does not use.",
        "confusable.excessive-marks": "This name has too many accent marks on one letter.",
        "confusable.kana-out-of-context": "This name has a Japanese kana sign where it cannot stand.",
        "confusable.cjk-lookalike": "This name has a Chinese character that looks like a line or punctuation.",
        "confusable.punctuation-lookalike": "This name has a letter that looks like punctuation.",
        "confusable.idna-deviation":
            "This name has a character, such as ß or ς, that older software reads differently.",
        "confusable.registered-skeleton": "This name looks the same as a name that is already taken.",
        "confusable.registered-folded": "This name differs from a name that is already taken only in its accents.",

        "signup.taken": "This username is already taken.",
        "signup.lookalike": "This username looks too much like one that is already taken. Please choose another.",
        "signup.available": "This username is available.",

        // The web page (/ and /ui/): labels and sentences without arguments.
        "ui.title": "XMPP address checker",
        "ui.intro": "Check XMPP addresses, compare them, spot names that look alike and check TLS certificates.",
        "ui.language": "Language",
        "ui.check.heading": "Check an address",
        "ui.check.label": "Address",
        "ui.check.valid": "Valid. Its canonical form:",
        "ui.check.invalid": "Not valid.",
        "ui.check.use": "Use",
        "ui.part.localpart": "Username",
        "ui.part.domainpart": "Domain",
        "ui.part.domainAscii": "Domain (ASCII)",
        "ui.part.resourcepart": "Resource",
        "ui.compare.heading": "Compare two addresses",
        "ui.compare.first": "First address",
        "ui.compare.second": "Second address",
        "ui.compare.button": "Compare",
        "ui.compare.equal": "They are the same address.",
        "ui.compare.bareEqual": "The same account, with different resources.",
        "ui.compare.different": "They are different addresses.",
        "ui.confusable.heading": "Names that look alike",
        "ui.confusable.button": "Compare the characters",
        "ui.confusable.yes": "These two look alike.",
        "ui.confusable.no": "These two do not look alike.",
        "ui.confusable.position": "Position",
        "ui.confusable.looksLike": "Looks like",
        "ui.confusable.score": "Risk score",
        "ui.migration.heading": "What changes for existing addresses",
        "ui.migration.label": "Addresses, one per line",
        "ui.migration.button": "Check the lines",
        "ui.migration.line": "Line",
        "ui.migration.before": "Before",
        "ui.migration.after": "After",
        "ui.migration.status": "Status",
        "ui.migration.reasons": "Why",
        "ui.migration.collision": "Collision",
        "ui.tls.heading": "TLS certificate of a domain",
        "ui.tls.domain": "Domain",
        "ui.tls.pem": "Certificate chain (PEM, server certificate first)",
        "ui.tls.verify": "Verify the certificate",
        "ui.tls.verdict": "Verdict:",
        "ui.tls.probeDomain": "Domain of a live server",
        "ui.tls.probe": "Probe the server",
        "ui.tls.grade": "Grade:",
        "ui.checking": "Checking…",
        "ui.error.unreachable": "The service could not be reached.",
        "ui.error.refused": "The service refused the request:",
        "ui.widget.heading": "Signup form widget",
        "ui.widget.intro": "A signup form checks its username field with three lines:",
        "ui.widget.demo": "see the demo",
        "ui.api": "The API (OpenAPI)",
    ]
}
