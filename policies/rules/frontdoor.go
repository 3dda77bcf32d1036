package rules

func init() {
	register(&Policy{
		Name:        "frontdoor-origin-cert-check",
		Description: "Front Door origins keep the certificate subject name check on, so Front Door only talks HTTPS to the origin it names.",
		Category:    Security,
		Types:       []string{TypeAFDOrigin},
		Resource: func(e *Env, r *Resource, rep *Reporter) {
			// NOTE: Azure's default for enforceCertificateNameCheck is true.
			requireBool(rep, r, "enforceCertificateNameCheck", true, true, "an origin presenting another host's certificate is refused")
		},
	})
}
