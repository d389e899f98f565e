// Peer benchmark: parse JIDs the way mellium.im/xmpp/jid does, on golang.org/x/text/secure/precis and
// golang.org/x/net/idna. Reads a corpus (one address per line) into memory, then times parsing it.
//
//   go run main.go CORPUS [ROUNDS]
package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/secure/precis"
)

var errInvalid = errors.New("invalid")

// parse follows mellium.im/xmpp/jid.Parse: split, then enforce each part.
func parse(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errInvalid
	}
	localpart, domainpart, resourcepart := "", s, ""
	if i := strings.IndexByte(s, '/'); i >= 0 {
		domainpart, resourcepart = s[:i], s[i+1:]
		if resourcepart == "" {
			return "", errInvalid
		}
	}
	if i := strings.IndexByte(domainpart, '@'); i >= 0 {
		localpart, domainpart = domainpart[:i], domainpart[i+1:]
		if localpart == "" {
			return "", errInvalid
		}
	}
	domainpart = strings.TrimSuffix(domainpart, ".")
	if domainpart == "" {
		return "", errInvalid
	}
	if ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(domainpart, "["), "]")); ip == nil {
		d, err := idna.Lookup.ToUnicode(domainpart)
		if err != nil {
			return "", err
		}
		domainpart = d
	}
	if localpart != "" {
		l, err := precis.UsernameCaseMapped.String(localpart)
		if err != nil || len(l) > 1023 || strings.ContainsAny(l, "\"&'/:<>@") {
			return "", errInvalid
		}
		localpart = l + "@"
	}
	if resourcepart != "" {
		r, err := precis.OpaqueString.String(resourcepart)
		if err != nil || len(r) > 1023 {
			return "", errInvalid
		}
		resourcepart = "/" + r
	}
	return localpart + domainpart + resourcepart, nil
}

func main() {
	file, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	var corpus []string
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	for scanner.Scan() {
		corpus = append(corpus, scanner.Text())
	}
	rounds := 5
	if len(os.Args) > 2 {
		rounds, _ = strconv.Atoi(os.Args[2])
	}
	best := time.Duration(1 << 62)
	valid := 0
	for r := 0; r < rounds; r++ {
		valid = 0
		start := time.Now()
		for _, s := range corpus {
			if _, err := parse(s); err == nil {
				valid++
			}
		}
		if d := time.Since(start); d < best {
			best = d
		}
	}
	fmt.Printf("%d %d %.0f\n", len(corpus), valid, float64(len(corpus))/best.Seconds())
}
