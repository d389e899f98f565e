extension Catalogs {
    static let russian: [String: String] = [
        "jid.empty": "Введите адрес.",
        "jid.too-long": "Это слишком длинно для адреса.",
        "jid.invalid-utf8": "Не удалось прочитать этот текст. Введите его ещё раз.",
        "jid.not-stream-safe": "На символе {position, number, integer} слишком много надстрочных знаков.",
        "jid.invalid": "Этот адрес недействителен.",

        "localpart.empty": "Введите имя пользователя.",
        "localpart.too-long": "Это имя пользователя слишком длинное. Выберите имя покороче.",
        "localpart.disallowed-codepoint":
            "Имя пользователя не может содержать «{character}» ({name}), символ {position, number, integer}.",
        "localpart.unassigned-codepoint":
            "Символ {position, number, integer} ({character}) пока не является известной буквой, поэтому его нельзя использовать в имени пользователя.",
        "localpart.context-rule":
            "«{character}» ({name}) не может стоять в этом месте имени пользователя (символ {position, number, integer}).",
        "localpart.bidi-rule":
            "В этом имени пользователя письмо справа налево смешано с письмом слева направо так, что оно может отображаться обманчиво.",
        "localpart.not-idempotent":
            "Это имя пользователя менялось бы при каждой обработке. Используйте обычные буквы и цифры.",
        "localpart.prohibited-codepoint":
            "Старые серверы не допускали «{character}» ({name}) в именах пользователей (символ {position, number, integer}).",
        "localpart.excluded-character":
            "Имя пользователя не может содержать «{character}» (символ {position, number, integer}).",
        "localpart.invalid": "Это имя пользователя недопустимо.",

        "domainpart.empty": "Введите домен (часть после @).",
        "domainpart.too-long": "Этот домен слишком длинный.",
        "domainpart.disallowed-codepoint":
            "Домен не может содержать «{character}» ({name}), символ {position, number, integer}.",
        "domainpart.unassigned-codepoint":
            "Символ {position, number, integer} ({character}) пока не является известной буквой, поэтому его нельзя использовать в домене.",
        "domainpart.context-rule":
            "«{character}» ({name}) не может стоять в этом месте домена (символ {position, number, integer}).",
        "domainpart.bidi-rule": "В этом домене письмо справа налево недопустимо смешано с письмом слева направо.",
        "domainpart.not-idempotent": "Этот домен менялся бы при каждой обработке.",
        "domainpart.prohibited-codepoint":
            "Старые серверы не допускали «{character}» ({name}) в доменах (символ {position, number, integer}).",
        "domainpart.empty-label": "Этот домен начинается с точки или содержит две точки подряд.",
        "domainpart.label-too-long": "Часть этого домена между точками длиннее {limit, number, integer} символов.",
        "domainpart.non-ldh-character":
            "Домен может содержать только буквы, цифры, дефисы и точки, но не «{character}» (символ {position, number, integer}).",
        "domainpart.hyphen-start-end": "Часть этого домена между точками начинается или заканчивается дефисом.",
        "domainpart.reserved-label": "В части этого домена третий и четвёртый символы — дефисы, а это зарезервировано.",
        "domainpart.invalid-a-label":
            "Часть этого домена, начинающаяся с «xn--», не является правильно закодированным именем.",
        "domainpart.leading-combining-mark": "Часть этого домена начинается с надстрочного знака.",
        "domainpart.numeric-tld": "Последняя часть домена не может состоять только из цифр.",
        "domainpart.invalid-ipv4": "Это похоже на IP-адрес, но он недействителен.",
        "domainpart.invalid-ipv6": "Это недействительный адрес IPv6.",
        "domainpart.ipv6-zone-id": "Здесь адрес IPv6 не может указывать сетевой интерфейс (часть после %).",
        "domainpart.invalid-ip-literal": "В квадратных скобках должен быть действительный адрес IPv6.",
        "domainpart.idna-error": "Это недействительное международное доменное имя.",
        "domainpart.dns-too-long":
            "Этот домен слишком длинный, чтобы его можно было найти в интернете (не более {limit, number, integer} символов).",
        "domainpart.idna2003-error": "Старые серверы не могли прочитать этот домен.",
        "domainpart.invalid": "Этот домен недопустим.",

        "resourcepart.empty": "Часть после косой черты пуста.",
        "resourcepart.too-long": "Часть после косой черты слишком длинная.",
        "resourcepart.disallowed-codepoint":
            "«{character}» ({name}) нельзя использовать после косой черты (символ {position, number, integer}).",
        "resourcepart.unassigned-codepoint":
            "Символ {position, number, integer} ({character}) пока неизвестен, поэтому его нельзя использовать после косой черты.",
        "resourcepart.context-rule":
            "«{character}» ({name}) не может стоять в этом месте после косой черты (символ {position, number, integer}).",
        "resourcepart.bidi-rule":
            "В части после косой черты письмо справа налево недопустимо смешано с письмом слева направо.",
        "resourcepart.not-idempotent": "Часть после косой черты менялась бы при каждой обработке.",
        "resourcepart.prohibited-codepoint":
            "Старые серверы не допускали «{character}» ({name}) после косой черты (символ {position, number, integer}).",
        "resourcepart.invalid": "Часть после косой черты недопустима.",

        "confusable.mixed-script-confusable":
            "В этом имени смешаны похожие буквы разных алфавитов, поэтому его можно спутать с другим именем.",
        "confusable.mixed-script": "В этом имени смешаны буквы алфавитов, которые обычно не пишут вместе.",
        "confusable.whole-script-confusable":
            "Каждая буква этого имени похожа на латинскую, поэтому его можно спутать с другим именем.",
        "confusable.ascii-lookalike":
            "В этом имени есть символ, похожий на обычную латинскую букву или цифру, но ею не являющийся.",
        "confusable.digit-lookalike": "В этом имени есть символ, похожий на цифру, но ею не являющийся.",
        "confusable.mixed-numbers": "В этом имени смешаны цифры разных систем письма.",
        "confusable.uncommon-character": "В этом имени есть символ, который почти не используется ни в одном языке.",
        "confusable.uncommon-letter": "В этом имени есть буква, которую используют немногие языки.",
        "confusable.limited-use-script": "В этом имени используется письменность, которую мало кто читает.",
        "confusable.excluded-script": "В этом имени используется историческая письменность.",
        "confusable.invisible-character": "В этом имени есть невидимый символ.",
        "confusable.repeated-mark": "В этом имени один и тот же знак дважды стоит над одной буквой.",
        "confusable.overlay-mark": "В этом имени есть знак, перечёркивающий букву, который может скрыть её форму.",
        "confusable.dot-on-dotted-letter":
            "В этом имени точка поставлена на букву, у которой она уже есть, например i или j.",
        "confusable.mark-after-unrelated-script":
            "В этом имени есть надстрочный знак, который его алфавит не использует.",
        "confusable.excessive-marks": "В этом имени слишком много надстрочных знаков на одной букве.",
        "confusable.kana-out-of-context": "В этом имени японский знак каны стоит там, где его быть не может.",
        "confusable.cjk-lookalike": "В этом имени есть китайский иероглиф, похожий на черту или знак препинания.",
        "confusable.punctuation-lookalike": "В этом имени есть буква, похожая на знак препинания.",
        "confusable.idna-deviation":
            "В этом имени есть символ, например ß или ς, который старые программы читают иначе.",
        "confusable.registered-skeleton": "Это имя выглядит так же, как уже занятое имя.",
        "confusable.registered-folded": "Это имя отличается от уже занятого имени только надстрочными знаками.",

        "signup.taken": "Это имя пользователя уже занято.",
        "signup.lookalike": "Это имя пользователя слишком похоже на уже занятое. Выберите другое.",
        "signup.available": "Это имя пользователя свободно.",

        // The web page (/ and /ui/): labels and sentences without arguments.
        "ui.title": "Проверка адресов XMPP",
        "ui.intro": "Проверяйте адреса XMPP, сравнивайте их, находите похожие имена и проверяйте сертификаты TLS.",
        "ui.language": "Язык",
        "ui.check.heading": "Проверить адрес",
        "ui.check.label": "Адрес",
        "ui.check.valid": "Адрес верный. Каноническая форма:",
        "ui.check.invalid": "Адрес неверный.",
        "ui.check.use": "Использовать",
        "ui.part.localpart": "Имя пользователя",
        "ui.part.domainpart": "Домен",
        "ui.part.domainAscii": "Домен (ASCII)",
        "ui.part.resourcepart": "Ресурс",
        "ui.compare.heading": "Сравнить два адреса",
        "ui.compare.first": "Первый адрес",
        "ui.compare.second": "Второй адрес",
        "ui.compare.button": "Сравнить",
        "ui.compare.equal": "Это один и тот же адрес.",
        "ui.compare.bareEqual": "Одна и та же учётная запись с разными ресурсами.",
        "ui.compare.different": "Это разные адреса.",
        "ui.confusable.heading": "Похожие имена",
        "ui.confusable.button": "Сравнить символы",
        "ui.confusable.yes": "Эти два адреса выглядят одинаково.",
        "ui.confusable.no": "Эти два адреса не похожи.",
        "ui.confusable.position": "Позиция",
        "ui.confusable.looksLike": "Похоже на",
        "ui.confusable.score": "Оценка риска",
        "ui.migration.heading": "Что меняется для существующих адресов",
        "ui.migration.label": "Адреса, по одному в строке",
        "ui.migration.button": "Проверить строки",
        "ui.migration.line": "Строка",
        "ui.migration.before": "До",
        "ui.migration.after": "После",
        "ui.migration.status": "Статус",
        "ui.migration.reasons": "Почему",
        "ui.migration.collision": "Коллизия",
        "ui.tls.heading": "Сертификат TLS домена",
        "ui.tls.domain": "Домен",
        "ui.tls.pem": "Цепочка сертификатов (PEM, сначала сертификат сервера)",
        "ui.tls.verify": "Проверить сертификат",
        "ui.tls.verdict": "Итог:",
        "ui.tls.probeDomain": "Домен работающего сервера",
        "ui.tls.probe": "Проверить сервер",
        "ui.tls.grade": "Оценка:",
        "ui.checking": "Проверка…",
        "ui.error.unreachable": "Сервис недоступен.",
        "ui.error.refused": "Сервис отклонил запрос:",
        "ui.widget.heading": "Компонент для формы регистрации",
        "ui.widget.intro": "Форма регистрации проверяет поле имени пользователя тремя строками:",
        "ui.widget.demo": "посмотреть пример",
        "ui.api": "API (OpenAPI)",
    ]
}
