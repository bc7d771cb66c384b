// Claims: what a service-account token says, as upstream writes it. A
// token is a JWT whose payload holds the standard claims (iss, sub, aud,
// exp, iat, nbf, jti) and one private claim, "kubernetes.io", naming the
// service account and the object the token is bound to:
//
//	{"aud":["https://kubernetes.default.svc.cluster.local"],
//	 "exp":1764070807,"iat":1764067207,"nbf":1764067207,
//	 "iss":"https://kubernetes.default.svc.cluster.local",
//	 "jti":"0f2e4d6c-...","sub":"system:serviceaccount:default:builder",
//	 "kubernetes.io":{"namespace":"default",
//	   "serviceaccount":{"name":"builder","uid":"9e1c..."},
//	   "pod":{"name":"builder-7d4b9","uid":"5c3a..."},
//	   "node":{"name":"worker-1","uid":"77aa..."}}}
//
// Anyone can read these claims (a JWT is signed, not encrypted); the
// signature only proves the API server wrote them.
//
// Interface:
//   - Claims, KubernetesClaims, Ref: the payload.
//   - The user.Info Extra keys a verified token adds.
package serviceaccount

import "github.com/golang-jwt/jwt/v5"

// Claims is the payload of a service-account token.
type Claims struct {
	jwt.RegisteredClaims
	// Kubernetes is the private claim "kubernetes.io".
	Kubernetes KubernetesClaims `json:"kubernetes.io,omitempty"`
}

// KubernetesClaims names the service account and what the token is bound
// to. At most one of Pod and Secret is set; Node is set alone for a token
// bound to a node, or beside Pod for the node a bound pod runs on.
type KubernetesClaims struct {
	Namespace      string `json:"namespace,omitempty"`
	ServiceAccount Ref    `json:"serviceaccount,omitempty"`
	Pod            *Ref   `json:"pod,omitempty"`
	Secret         *Ref   `json:"secret,omitempty"`
	Node           *Ref   `json:"node,omitempty"`
	// WarnAfter is set on the kubelet's extended tokens: past it the token
	// still works, but the server notes that its holder kept it too long.
	WarnAfter *jwt.NumericDate `json:"warnafter,omitempty"`
}

// Ref names an object and pins its incarnation: an object deleted and
// created again under the same name has a new uid, and the tokens bound
// to the old one stop working.
type Ref struct {
	Name string `json:"name,omitempty"`
	UID  string `json:"uid,omitempty"`
}

// The user.Info Extra keys of a service-account user, upstream's names.
// Authorization reads them: the Node authorizer and admission use
// node-name to tie a pod's token to its node.
const (
	ExtraPodName  = "authentication.kubernetes.io/pod-name"
	ExtraPodUID   = "authentication.kubernetes.io/pod-uid"
	ExtraNodeName = "authentication.kubernetes.io/node-name"
	ExtraNodeUID  = "authentication.kubernetes.io/node-uid"
)

// CredentialIDForJTI is the credential id a token with id jti adds to its
// user (authentication.ExtraCredentialID): "JTI=<jti>". The audit log
// records it, so a leaked token can be traced to its TokenRequest.
func CredentialIDForJTI(jti string) string {
	if jti == "" {
		return ""
	}
	return "JTI=" + jti
}
