<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AskPanel</name>
    <message>
        <location filename="../ui/AskPanel.ui" line="17" />
        <source>Search the commentary by meaning, or ask the race engineer, who looks the answer up in the live race</source>
        <translation>Buscar en los comentarios por significado o preguntar al ingeniero de carrera, que busca la respuesta en la carrera en directo</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="18" />
        <source>Search commentary</source>
        <translation>Buscar comentarios</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="19" />
        <source>Race engineer</source>
        <translation>Ingeniero de carrera</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="24" />
        <source>Ask about the commentary, e.g. "comments about Hamilton"</source>
        <translation>Pregunta sobre los comentarios, p. ej. «comentarios sobre Hamilton»</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="31" />
        <source>This race only</source>
        <translation>Solo esta carrera</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="36" />
        <source>New chat</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="37" />
        <source>Forget this conversation and start a new one</source>
        <translation>Olvidar esta conversación y empezar otra</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="42" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="61" />
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="62" />
        <source>Commentary</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="63" />
        <source>Race</source>
        <translation>Carrera</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="64" />
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="85" />
        <source>Ask the race engineer about the running race, e.g. "What's the gap between Norris and Piastri, and who is faster on the last three laps?"</source>
        <translation>Pregunte al ingeniero de carrera por la carrera en curso, p. ej. «¿Qué diferencia hay entre Norris y Piastri y quién es más rápido en las tres últimas vueltas?»</translation>
    </message>
</context>
<context>
    <name>CloudDeployPanel</name>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="5" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="13" />
        <source>Deploy to Confluent Cloud</source>
        <translation>Desplegar en Confluent Cloud</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="13" />
        <source>Creates the connections, models, tables and INSERT statements (kept if already there) and switches the matching local stages off</source>
        <translation>Crea las conexiones, modelos, tablas y sentencias INSERT (se conservan si ya existen) y apaga las etapas locales correspondientes</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="14" />
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="14" />
        <source>Stops the running INSERT statements (kept, deploy runs them again) and switches the local stages back on</source>
        <translation>Detiene las sentencias INSERT en marcha (se conservan; desplegar las vuelve a lanzar) y vuelve a encender las etapas locales</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="15" />
        <source>Delete…</source>
        <translation>Borrar…</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="15" />
        <source>Deletes the statements and connections Pit Wall deployed</source>
        <translation>Borra las sentencias y conexiones que desplegó Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="16" />
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="16" />
        <source>Reads each deployed statement's phase now</source>
        <translation>Lee ahora la fase de cada sentencia desplegada</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="17" />
        <source>Copy plan as SQL</source>
        <translation>Copiar el plan como SQL</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="17" />
        <source>Copies the whole plan Deploy would run, in order, as Flink SQL to paste into a Confluent Cloud workspace (secrets as placeholders)</source>
        <translation>Copia todo el plan que ejecutaría Desplegar, en orden, como Flink SQL para pegar en un espacio de trabajo de Confluent Cloud (los secretos como marcadores)</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="33" />
        <source>Schema, connection or statement</source>
        <translation>Esquema, conexión o sentencia</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="34" />
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location filename="../ui/CloudDeployPanel.ui" line="35" />
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
</context>
<context>
    <name>CloudPipelinePlan</name>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="135" />
        <source>runs in the app: it writes each commentary line with its embedding to MongoDB Atlas through the app's MongoDB driver (Confluent Cloud's MongoDB tables are read-only)</source>
        <translation>se ejecuta en la aplicación: escribe cada línea de comentario con su embedding en MongoDB Atlas mediante el controlador MongoDB de la aplicación (las tablas MongoDB de Confluent Cloud son de solo lectura)</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="139" />
        <source>needs Amazon Bedrock (region, keys and model) for AI_COMPLETE</source>
        <translation>necesita Amazon Bedrock (región, claves y modelo) para AI_COMPLETE</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="141" />
        <source>needs an OpenAI key for the embedding model</source>
        <translation>necesita una clave de OpenAI para el modelo de embeddings</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipelinePlan.cpp" line="143" />
        <source>needs MongoDB Atlas (URI with user, database, collection, index) for VECTOR_SEARCH_AGG</source>
        <translation>necesita MongoDB Atlas (URI con usuario, base de datos, colección, índice) para VECTOR_SEARCH_AGG</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <location filename="../ui/FeedPanel.ui" line="14" />
        <source>Driver</source>
        <translation>Piloto</translation>
    </message>
    <message>
        <location filename="../ui/FeedPanel.ui" line="20" />
        <source>Show only the lines about one driver</source>
        <translation>Mostrar solo las líneas sobre un piloto</translation>
    </message>
    <message>
        <location filename="../ui/FeedPanel.ui" line="32" />
        <source>Click a line to see that moment everywhere; Ctrl+C copies it</source>
        <translation>Pulse una línea para ver ese momento en todos los paneles; Ctrl+C la copia</translation>
    </message>
</context>
<context>
    <name>KafkaConnectionDialog</name>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="5" />
        <source>Kafka connection</source>
        <translation>Conexión a Kafka</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="9" />
        <source>Embedded broker (no account, no network)</source>
        <translation>Broker integrado (sin cuenta, sin red)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="15" />
        <source>A Kafka cluster</source>
        <translation>Un clúster de Kafka</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="23" />
        <source>&amp;Bootstrap servers:</source>
        <translation>Servidores de &amp;arranque:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="29" />
        <source>host:9092[,host:9092…]</source>
        <translation>host:9092[,host:9092…]</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="34" />
        <source>&amp;Properties file:</source>
        <translation>Archivo de &amp;propiedades:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="41" />
        <source>optional: librdkafka key=value lines (SASL, TLS)</source>
        <translation>opcional: líneas clave=valor de librdkafka (SASL, TLS)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="43" />
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="17" />
        <source>Search races by name, circuit or state</source>
        <translation>Buscar carreras por nombre, circuito o estado</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="23" />
        <source>Import &amp;real race…</source>
        <translation>Importar carrera &amp;real…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="24" />
        <source>Add a real Formula 1 race: a live-timing session folder, a zip, OpenF1 files, or a download</source>
        <translation>Añadir una carrera real de Fórmula 1: una carpeta de sesión de live timing, un zip, archivos de OpenF1 o una descarga</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="51" />
        <source>&amp;Replay</source>
        <translation>&amp;Repetir</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="52" />
        <source>Play the race again as it was recorded, commentary and anomalies included</source>
        <translation>Reproducir la carrera tal como se grabó, con comentarios y anomalías</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="57" />
        <source>Re-&amp;run pipeline</source>
        <translation>Volver a &amp;ejecutar el pipeline</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="58" />
        <source>Play the race's own data again and run the pipeline on it afresh</source>
        <translation>Reproducir los datos de la carrera y ejecutar de nuevo el pipeline sobre ellos</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="68" />
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="69" />
        <source>Add a race exported as JSON Lines</source>
        <translation>Añadir una carrera exportada como JSON Lines</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="74" />
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="75" />
        <source>Write the race to a file: JSON Lines (can be imported) or CSV</source>
        <translation>Escribir la carrera en un archivo: JSON Lines (importable) o CSV</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="63" />
        <source>Re&amp;name</source>
        <translation>Re&amp;nombrar</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="80" />
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
</context>
<context>
    <name>LiveServersDialog</name>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="8" />
        <source>Live servers</source>
        <translation>Servidores en directo</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="12" />
        <source>MCP server for AI agents</source>
        <translation>Servidor MCP para agentes de IA</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="17" />
        <location filename="../ui/LiveServersDialog.ui" line="67" />
        <source>Port (loopback)</source>
        <translation>Puerto (solo local)</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="27" />
        <source>Bearer token</source>
        <translation>Token de portador</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="39" />
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="44" />
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="47" />
        <source>New token</source>
        <translation>Nuevo token</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="62" />
        <source>WebSocket live feed and overlay</source>
        <translation>Feed en directo por WebSocket y overlay</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9" />
        <source>Pit Wall</source>
        <translation>Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="25" />
        <source>Press Start to run a race on the embedded Kafka broker.</source>
        <translation>Pulse Iniciar para correr una carrera en el broker de Kafka integrado.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="60" />
        <source>Back to the leaderboard</source>
        <translation>Volver a la clasificación</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="71" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="79" />
        <source>&amp;Race</source>
        <translation>&amp;Carrera</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="84" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="88" />
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="97" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="106" />
        <source>Race</source>
        <translation>Carrera</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="115" />
        <source>&amp;Start race</source>
        <translation>&amp;Iniciar carrera</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="116" />
        <source>Start a race on the connected Kafka (Ctrl+R)</source>
        <translation>Iniciar una carrera en el Kafka conectado (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="117" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="120" />
        <source>S&amp;top race</source>
        <translation>&amp;Detener carrera</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="121" />
        <source>Stop the race after every message is read back (Ctrl+.)</source>
        <translation>Detener la carrera cuando se haya releído cada mensaje (Ctrl+.)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="122" />
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="125" />
        <source>&amp;Kafka connection…</source>
        <translation>Conexión a &amp;Kafka…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="126" />
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="129" />
        <source>&amp;Setup wizard…</source>
        <translation>&amp;Asistente de configuración…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="130" />
        <source>Connect Confluent Cloud, Amazon Bedrock, OpenAI and MongoDB Atlas, or change those connections</source>
        <translation>Conectar Confluent Cloud, Amazon Bedrock, OpenAI y MongoDB Atlas, o cambiar esas conexiones</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="133" />
        <source>&amp;Live servers (MCP, overlay feed)…</source>
        <translation>&amp;Servidores en directo (MCP, feed del overlay)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="134" />
        <source>Serve the live race to AI agents (MCP) and to overlays (WebSocket)</source>
        <translation>Servir la carrera en directo a agentes de IA (MCP) y a overlays (WebSocket)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="137" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="138" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="143" />
        <source>&amp;Live</source>
        <translation>En &amp;directo</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="144" />
        <source>Follow the newest moment of the race again (End)</source>
        <translation>Volver a seguir el momento más reciente de la carrera (Fin)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="145" />
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="149" />
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="153" />
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="156" />
        <source>&amp;Reset layout</source>
        <translation>&amp;Restablecer disposición</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="157" />
        <source>Put every panel back where it was at first start</source>
        <translation>Devolver cada panel a su sitio del primer inicio</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="160" />
        <source>&amp;About Pit Wall</source>
        <translation>&amp;Acerca de Pit Wall</translation>
    </message>
</context>
<context>
    <name>PipelinePanel</name>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="17" />
        <source>On this machine</source>
        <translation>En este equipo</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="43" />
        <source>The same stage as Flink SQL for Confluent Cloud:</source>
        <translation>La misma etapa como Flink SQL para Confluent Cloud:</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="50" />
        <source>Select a stage to see its Flink SQL.</source>
        <translation>Seleccione una etapa para ver su Flink SQL.</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="60" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="149" />
        <source>Enter the bootstrap server (HOST:PORT) or choose a properties file.</source>
        <translation>Introduzca el servidor bootstrap (HOST:PUERTO) o elija un archivo de propiedades.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="152" />
        <source>Enter the API secret that goes with the API key.</source>
        <translation>Introduzca el secreto que corresponde a la clave de API.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="154" />
        <source>Confluent Cloud needs the cluster's API key and secret.</source>
        <translation>Confluent Cloud necesita la clave de API y el secreto del clúster.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="165" />
        <source>The Schema Registry URL must look like https://psrc-xxxxx.region.provider.confluent.cloud.</source>
        <translation>La URL del Schema Registry tiene la forma https://psrc-xxxxx.region.provider.confluent.cloud.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="167" />
        <source>The Schema Registry URL must start with https://: its API key would travel in clear over plain http (http is allowed only to this machine).</source>
        <translation>La URL del Schema Registry debe empezar por https://: su clave de API viajaría en claro por http (http solo se permite hacia este equipo).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="170" />
        <source>Enter the Schema Registry API key and secret (not the Kafka ones).</source>
        <translation>Introduzca la clave y el secreto del Schema Registry (no los de Kafka).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="180" />
        <source>Enter the region of the compute pool, e.g. us-east-1.</source>
        <translation>Introduzca la región del compute pool, p. ej. us-east-1.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="182" />
        <source>The region is a name like us-east-1, europe-west4 or eastus (lower-case letters, digits and dashes).</source>
        <translation>La región es un nombre como us-east-1, europe-west4 o eastus (minúsculas, dígitos y guiones).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="184" />
        <source>The cloud provider is aws, gcp or azure.</source>
        <translation>El proveedor de nube es aws, gcp o azure.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="186" />
        <source>The organization ID is a UUID (Administration ▸ Organization settings).</source>
        <translation>El ID de organización es un UUID (Administration ▸ Organization settings).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="191" />
        <source>The environment ID starts with env-.</source>
        <translation>El ID del entorno empieza por env-.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="193" />
        <source>The compute pool ID starts with lfcp-.</source>
        <translation>El ID del compute pool empieza por lfcp-.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="195" />
        <source>Enter the Flink API key and secret (a Flink key for this environment and region).</source>
        <translation>Introduzca la clave y el secreto de Flink (una clave de Flink para este entorno y región).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="204" />
        <source>The AWS region looks like us-east-1.</source>
        <translation>Una región de AWS tiene la forma us-east-1.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="207" />
        <source>An AWS access key ID starts with AKIA (or ASIA for temporary credentials).</source>
        <translation>Un ID de clave de acceso de AWS empieza por AKIA (o ASIA para credenciales temporales).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="209" />
        <source>Enter both the access key ID and the secret access key (or neither, to use AWS_PROFILE).</source>
        <translation>Introduzca el ID de clave de acceso y la clave secreta (o ninguno, para usar AWS_PROFILE).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="211" />
        <source>Temporary credentials (ASIA…) need their session token.</source>
        <translation>Las credenciales temporales (ASIA…) necesitan su token de sesión.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="215" />
        <source>Enter the model ID or inference profile, e.g. us.anthropic.claude-3-5-sonnet-20240620-v1:0.</source>
        <translation>Introduzca el ID del modelo o el perfil de inferencia, p. ej. us.anthropic.claude-3-5-sonnet-20240620-v1:0.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="217" />
        <source>Quotas are positive numbers (or 0 for the default).</source>
        <translation>Las cuotas son números positivos (o 0 para el valor por defecto).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="226" />
        <source>The base URL must be an http(s) URL, e.g. https://api.openai.com/v1.</source>
        <translation>La URL base debe ser una URL http(s), p. ej. https://api.openai.com/v1.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="229" />
        <source>With an API key the base URL must start with https://: the key would travel in clear over plain http (http is allowed only to this machine, for local models).</source>
        <translation>Con una clave de API, la URL base debe empezar por https://: la clave viajaría en claro por http (http solo se permite hacia este equipo, para modelos locales).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="233" />
        <source>Enter the OpenAI API key (compatible servers may not need one: give their base URL).</source>
        <translation>Introduzca la clave de API de OpenAI (los servidores compatibles quizá no la necesiten: indique su URL base).</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="243" />
        <source>The connection URI starts with mongodb+srv:// (Atlas) or mongodb://.</source>
        <translation>La URI de conexión empieza por mongodb+srv:// (Atlas) o mongodb://.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="246" />
        <source>Enter the database, collection and vector index names.</source>
        <translation>Introduzca la base de datos, la colección y el índice vectorial.</translation>
    </message>
    <message>
        <location filename="../src/setup/SetupConfig.cpp" line="308" />
        <source>Could not keep a secret (%1): %2</source>
        <translation>No se pudo guardar un secreto (%1): %2</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="43" />
        <source>the properties file</source>
        <translation>el archivo de propiedades</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="44" />
        <location filename="../src/setup/DemoConfigImport.cpp" line="83" />
        <source>Kafka bootstrap</source>
        <translation>bootstrap de Kafka</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="45" />
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="46" />
        <source>API secret</source>
        <translation>Secreto de API</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="58" />
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="64" />
        <source>%1 is neither the demo's config.yaml nor a librdkafka properties file.</source>
        <translation>%1 no es ni el config.yaml de la demo ni un archivo de propiedades de librdkafka.</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="71" />
        <source>%1 is not valid YAML (line %2: %3).</source>
        <translation>%1 no es YAML válido (línea %2: %3).</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="77" />
        <source>%1 does not hold the demo's settings.</source>
        <translation>%1 no contiene los ajustes de la demo.</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="84" />
        <source>Kafka API key</source>
        <translation>clave de API de Kafka</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="85" />
        <source>Kafka API secret</source>
        <translation>secreto de API de Kafka</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="89" />
        <source>Schema Registry URL</source>
        <translation>URL del Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="90" />
        <source>Schema Registry key</source>
        <translation>clave del Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="91" />
        <source>Schema Registry secret</source>
        <translation>secreto del Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="102" />
        <source>Cloud API key</source>
        <translation>clave de la API de Cloud</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="103" />
        <source>Cloud API secret</source>
        <translation>secreto de la API de Cloud</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="104" />
        <source>environment name</source>
        <translation>nombre del entorno</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="105" />
        <source>cluster name</source>
        <translation>nombre del clúster</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="106" />
        <source>Flink pool name</source>
        <translation>nombre del pool de Flink</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="107" />
        <source>cloud</source>
        <translation>nube</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="108" />
        <source>region</source>
        <translation>región</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="110" />
        <source>%1: unexpected content (%2).</source>
        <translation>%1: contenido inesperado (%2).</translation>
    </message>
    <message>
        <location filename="../src/setup/DemoConfigImport.cpp" line="113" />
        <source>%1 holds none of the demo's settings (or only placeholders).</source>
        <translation>%1 no contiene ajustes de la demo (o solo marcadores).</translation>
    </message>
</context>
<context>
    <name>RaceReports</name>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="20" />
        <source>Fastest lap: &lt;b&gt;%1&lt;/b&gt;, %2 on lap %3</source>
        <translation>Vuelta rápida: &lt;b&gt;%1&lt;/b&gt;, %2 en la vuelta %3</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="28" />
        <source>%1 — classification</source>
        <translation>%1 — clasificación</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="30" />
        <source>%1 finished &lt;b&gt;P%2&lt;/b&gt;.</source>
        <translation>%1 terminó &lt;b&gt;P%2&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="34" />
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="34" />
        <source>Driver</source>
        <translation>Piloto</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="34" />
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="52" />
        <source>Kafka: the embedded broker</source>
        <translation>Kafka: el broker integrado</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="53" />
        <source>Kafka: %1</source>
        <translation>Kafka: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="56" />
        <source>Commentary, embeddings and vector store: offline, on this machine</source>
        <translation>Comentarios, embeddings y almacén vectorial: sin conexión, en este equipo</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="62" />
        <source>Commentary: the offline commentator</source>
        <translation>Comentarios: el comentarista sin conexión</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="64" />
        <source>Commentary: Amazon Bedrock, %1 in %2</source>
        <translation>Comentarios: Amazon Bedrock, %1 en %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="66" />
        <source>Commentary: OpenAI API, %1 at %2</source>
        <translation>Comentarios: API de OpenAI, %1 en %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="69" />
        <source>Embeddings: OpenAI API, %1 at %2</source>
        <translation>Embeddings: API de OpenAI, %1 en %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="70" />
        <source>Embeddings: offline (%1)</source>
        <translation>Embeddings: sin conexión (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceReports.cpp" line="71" />
        <source>Vector store: %1</source>
        <translation>Almacén vectorial: %1</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../ui/SetupWizard.ui" line="6" />
        <source>Pit Wall setup</source>
        <translation>Configuración de Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="9" />
        <source>Welcome to Pit Wall</source>
        <translation>Bienvenido a Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="10" />
        <source>Pit Wall runs on this computer with nothing to set up. Connect it to Confluent Cloud, Amazon Bedrock, OpenAI or MongoDB Atlas here — or skip any of them.</source>
        <translation>Pit Wall funciona en este ordenador sin configurar nada. Conéctelo aquí a Confluent Cloud, Amazon Bedrock, OpenAI o MongoDB Atlas, u omita lo que no necesite.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="14" />
        <source>Each page checks what you type and has a Test button that makes a real call. Secrets go to the system keychain, never to the settings file. You can come back here any time from File ▸ Setup wizard.</source>
        <translation>Cada página comprueba lo que escribe y tiene un botón Probar que hace una llamada real. Los secretos van al llavero del sistema, nunca al archivo de ajustes. Puede volver aquí cuando quiera desde Archivo ▸ Asistente de configuración.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="21" />
        <source>Import the demo's files…</source>
        <translation>Importar los archivos de la demo…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="21" />
        <source>backend/config.yaml, admin/config.yaml or a librdkafka properties file</source>
        <translation>backend/config.yaml, admin/config.yaml o un archivo de propiedades de librdkafka</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="35" />
        <source>Where the race runs</source>
        <translation>Dónde corre la carrera</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="36" />
        <source>Choose the Kafka the races go through.</source>
        <translation>Elija el Kafka por el que pasan las carreras.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="39" />
        <source>Local — the embedded broker and pipeline on this computer (needs nothing)</source>
        <translation>Local: el broker integrado y la pipeline en este ordenador (no necesita nada)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="42" />
        <source>Confluent Cloud — Kafka, Schema Registry and Flink</source>
        <translation>Confluent Cloud: Kafka, Schema Registry y Flink</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="45" />
        <source>Your own Kafka — a bootstrap address and/or a librdkafka properties file</source>
        <translation>Su propio Kafka: una dirección bootstrap y/o un archivo de propiedades de librdkafka</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="49" />
        <source>Nothing in Confluent Cloud yet? Pit Wall can create it (optional)</source>
        <translation>¿Aún nada en Confluent Cloud? Pit Wall puede crearlo (opcional)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="51" />
        <source>Cloud API key</source>
        <translation>Clave de la API de Cloud</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="52" />
        <source>a Cloud resource-management key</source>
        <translation>una clave de Cloud para gestionar recursos</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="53" />
        <source>Cloud API secret</source>
        <translation>Secreto de la API de Cloud</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="57" />
        <source>Create environment, cluster, pool and keys</source>
        <translation>Crear entorno, clúster, pool y claves</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="57" />
        <source>Finds or creates them (idempotent), with a service account that owns the new API keys</source>
        <translation>Los encuentra o los crea (idempotente), con una cuenta de servicio dueña de las nuevas claves de API</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="58" />
        <source>Remove what Pit Wall created…</source>
        <translation>Quitar lo que creó Pit Wall…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="58" />
        <source>Deletes the API keys, pool, cluster, service account and environment Pit Wall created (never what it found)</source>
        <translation>Borra las claves de API, el pool, el clúster, la cuenta de servicio y el entorno que creó Pit Wall (nunca lo que encontró)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="69" />
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="70" />
        <source>The cluster's bootstrap server and, for Confluent Cloud, its API key (SASL/PLAIN over TLS; certificates are always verified).</source>
        <translation>El servidor bootstrap del clúster y, para Confluent Cloud, su clave de API (SASL/PLAIN sobre TLS; los certificados se verifican siempre).</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="75" />
        <source>Bootstrap server</source>
        <translation>Servidor bootstrap</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="79" />
        <source>pkc-xxxxx.us-east-1.aws.confluent.cloud:9092</source>
        <translation>pkc-xxxxx.us-east-1.aws.confluent.cloud:9092</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="84" />
        <location filename="../ui/SetupWizard.ui" line="140" />
        <location filename="../ui/SetupWizard.ui" line="353" />
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="88" />
        <source>the cluster API key</source>
        <translation>la clave de API del clúster</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="93" />
        <location filename="../ui/SetupWizard.ui" line="149" />
        <source>API secret</source>
        <translation>Secreto de API</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="102" />
        <source>Properties file</source>
        <translation>Archivo de propiedades</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="106" />
        <source>optional: client.properties</source>
        <translation>opcional: client.properties</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="108" />
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="114" />
        <location filename="../ui/SetupWizard.ui" line="161" />
        <location filename="../ui/SetupWizard.ui" line="258" />
        <location filename="../ui/SetupWizard.ui" line="336" />
        <location filename="../ui/SetupWizard.ui" line="393" />
        <location filename="../ui/SetupWizard.ui" line="450" />
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="125" />
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="126" />
        <source>The registry of the environment (Avro and JSON Schema for the demo's topics), with its own API key.</source>
        <translation>El registro del entorno (Avro y JSON Schema para los topics de la demo), con su propia clave de API.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="131" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="135" />
        <source>https://psrc-xxxxx.us-east-2.aws.confluent.cloud</source>
        <translation>https://psrc-xxxxx.us-east-2.aws.confluent.cloud</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="144" />
        <source>the Schema Registry API key</source>
        <translation>la clave de API del Schema Registry</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="172" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="173" />
        <source>Where Pit Wall deploys its pipeline as Flink SQL statements.</source>
        <translation>Donde Pit Wall despliega su pipeline como sentencias Flink SQL.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="178" />
        <source>Cloud</source>
        <translation>Nube</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="181" />
        <source>aws</source>
        <translation>aws</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="181" />
        <source>gcp</source>
        <translation>gcp</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="181" />
        <source>azure</source>
        <translation>azure</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="184" />
        <location filename="../ui/SetupWizard.ui" line="275" />
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="188" />
        <location filename="../ui/SetupWizard.ui" line="279" />
        <source>us-east-1</source>
        <translation>us-east-1</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="193" />
        <source>Organization ID</source>
        <translation>ID de organización</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="197" />
        <source>a UUID</source>
        <translation>un UUID</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="202" />
        <source>Environment ID</source>
        <translation>ID del entorno</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="206" />
        <source>env-xxxxx</source>
        <translation>env-xxxxx</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="211" />
        <source>Compute pool ID</source>
        <translation>ID del compute pool</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="215" />
        <source>lfcp-xxxxx (empty: the default pool)</source>
        <translation>lfcp-xxxxx (vacío: el pool por defecto)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="220" />
        <source>Flink API key</source>
        <translation>Clave de API de Flink</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="228" />
        <source>Flink API secret</source>
        <translation>Secreto de API de Flink</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="237" />
        <source>Catalog</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="241" />
        <source>the environment's name</source>
        <translation>el nombre del entorno</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="246" />
        <location filename="../ui/SetupWizard.ui" line="420" />
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="250" />
        <source>the Kafka cluster's name</source>
        <translation>el nombre del clúster de Kafka</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="269" />
        <source>Amazon Bedrock</source>
        <translation>Amazon Bedrock</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="270" />
        <source>The LLM for commentary and the race engineer. Leave the keys empty to use AWS_PROFILE or ~/.aws.</source>
        <translation>El LLM para los comentarios y el ingeniero de carrera. Deje las claves vacías para usar AWS_PROFILE o ~/.aws.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="284" />
        <source>Access key ID</source>
        <translation>ID de clave de acceso</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="288" />
        <source>AKIA…</source>
        <translation>AKIA…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="293" />
        <source>Secret access key</source>
        <translation>Clave de acceso secreta</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="302" />
        <source>Session token</source>
        <translation>Token de sesión</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="306" />
        <source>only for temporary credentials (ASIA…)</source>
        <translation>solo para credenciales temporales (ASIA…)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="312" />
        <source>Model ID or inference profile</source>
        <translation>ID del modelo o perfil de inferencia</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="316" />
        <source>us.anthropic.claude-3-5-sonnet-20240620-v1:0</source>
        <translation>us.anthropic.claude-3-5-sonnet-20240620-v1:0</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="321" />
        <source>Requests per minute</source>
        <translation>Peticiones por minuto</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="324" />
        <location filename="../ui/SetupWizard.ui" line="330" />
        <source>default</source>
        <translation>por defecto</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="327" />
        <source>Tokens per minute</source>
        <translation>Tokens por minuto</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="347" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="348" />
        <source>Embeddings for the commentary search, and an LLM when Bedrock is not set. Any OpenAI-compatible server works through its base URL.</source>
        <translation>Embeddings para la búsqueda en los comentarios, y un LLM si Bedrock no está configurado. Cualquier servidor compatible con OpenAI funciona con su URL base.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="357" />
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="363" />
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="367" />
        <source>https://api.openai.com/v1</source>
        <translation>https://api.openai.com/v1</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="372" />
        <source>Chat model</source>
        <translation>Modelo de chat</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="376" />
        <source>gpt-4o-mini</source>
        <translation>gpt-4o-mini</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="381" />
        <source>Embedding model</source>
        <translation>Modelo de embeddings</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="385" />
        <source>text-embedding-3-small</source>
        <translation>text-embedding-3-small</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="404" />
        <source>MongoDB Atlas</source>
        <translation>MongoDB Atlas</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="405" />
        <source>The vector store for the commentary search (the demo's reinvent.commentary).</source>
        <translation>El almacén vectorial para la búsqueda en los comentarios (reinvent.commentary de la demo).</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="410" />
        <source>Connection URI</source>
        <translation>URI de conexión</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="414" />
        <source>mongodb+srv://user:password@cluster0.xxxxx.mongodb.net</source>
        <translation>mongodb+srv://user:password@cluster0.xxxxx.mongodb.net</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="424" />
        <source>reinvent</source>
        <translation>reinvent</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="429" />
        <source>Collection</source>
        <translation>Colección</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="433" />
        <source>commentary</source>
        <translation>commentary</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="438" />
        <source>Vector index</source>
        <translation>Índice vectorial</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="442" />
        <source>vector_index</source>
        <translation>vector_index</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="456" />
        <source>Check index</source>
        <translation>Comprobar índice</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="456" />
        <source>Asks Atlas whether the vector index the commentary search needs is there and queryable</source>
        <translation>Pregunta a Atlas si el índice vectorial que necesita la búsqueda de comentarios existe y se puede consultar</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="457" />
        <source>Create index</source>
        <translation>Crear índice</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="457" />
        <source>Creates the vectorSearch index (the embedder's dimensions, cosine, race_id as a filter) and waits until Atlas can query it</source>
        <translation>Crea el índice vectorSearch (las dimensiones del embedder, coseno, race_id como filtro) y espera hasta que Atlas pueda consultarlo</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="471" />
        <source>Test connections</source>
        <translation>Probar conexiones</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="472" />
        <source>Every service you entered, called for real.</source>
        <translation>Cada servicio introducido, llamado de verdad.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="475" />
        <source>Test all</source>
        <translation>Probar todo</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="478" />
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="478" />
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="484" />
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="485" />
        <source>What will be saved. Secrets are shown masked.</source>
        <translation>Lo que se guardará. Los secretos se muestran enmascarados.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="499" />
        <source>Keep the secrets for this session only (enter them again next time)</source>
        <translation>Guardar los secretos solo para esta sesión (volver a introducirlos la próxima vez)</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.ui" line="502" />
        <source>Keep them in a file only you can read (0600) — anyone with your account or a backup of it can read them</source>
        <translation>Guardarlos en un archivo que solo usted puede leer (0600): cualquiera con su cuenta o una copia de seguridad de ella puede leerlos</translation>
    </message>
</context>
<context>
    <name>TelemetryPanel</name>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="14" />
        <source>Against</source>
        <translation>Contra</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="20" />
        <source>The rival drawn against the followed driver</source>
        <translation>El rival que se dibuja frente al piloto seguido</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="25" />
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="34" />
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="40" />
        <source>Time shown; the mouse wheel zooms, dragging pans, a click jumps there</source>
        <translation>Tiempo mostrado; la rueda del ratón amplía, arrastrar desplaza, un clic salta allí</translation>
    </message>
</context>
<context>
    <name>pitwall::AnomalyListModel</name>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="133" />
        <source>the %1 team</source>
        <translation>el equipo %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/view/AnomalyListModel.cpp" line="136" />
        <source>%1 of %2 peaked at %3 at %4, outside the expected %5 – %6; %n flagged reading(s) from %7 to %8 (%9, %10).</source>
        <translation>
            <numerusform>%1 de %2 alcanzó %3 en %4, fuera del rango esperado %5 – %6; %n lectura marcada de %7 a %8 (%9, %10).</numerusform>
            <numerusform>%1 de %2 alcanzó %3 en %4, fuera del rango esperado %5 – %6; %n lecturas marcadas de %7 a %8 (%9, %10).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="154" />
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="155" />
        <source>Driver</source>
        <translation>Piloto</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="156" />
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="157" />
        <source>Peak</source>
        <translation>Pico</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="160" />
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="161" />
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="158" />
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../src/view/AnomalyListModel.cpp" line="159" />
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
</context>
<context>
    <name>pitwall::AnomalyPanel</name>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="69" />
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="72" />
        <source>Every detector</source>
        <translation>Todos los detectores</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="73" />
        <source>Car telemetry (telemetry-anomalies)</source>
        <translation>Telemetría del coche (telemetry-anomalies)</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="74" />
        <source>Team engine, the demo's (engine-anomalies)</source>
        <translation>Motor por equipo, de la demo (engine-anomalies)</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="75" />
        <source>Which detector stage's anomalies the list shows. The demo's engine stage (f1-car-metrics-anomalies) uses the demo's 90 % band, so it flags about one reading in ten.</source>
        <translation>Qué etapa de detección muestra la lista. La etapa de motor de la demo (f1-car-metrics-anomalies) usa la banda del 90 % de la demo, así que marca aproximadamente una lectura de cada diez.</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="85" />
        <source>Select an anomaly to see its moment in every panel</source>
        <translation>Seleccione una anomalía para ver su momento en todos los paneles</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="87" />
        <source>What the recorded run found up to this moment of the race</source>
        <translation>Lo que encontró la ejecución grabada hasta este momento de la carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="167" />
        <source>&lt;b&gt;This run&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Esta ejecución&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="168" />
        <source>&lt;b&gt;As recorded&lt;/b&gt;, to this moment: %1</source>
        <translation>&lt;b&gt;Según lo grabado&lt;/b&gt;, hasta este momento: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::AppearanceMenu</name>
    <message>
        <location filename="../src/gui/AppearanceMenu.cpp" line="56" />
        <source>Lan&amp;guage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../src/gui/AppearanceMenu.cpp" line="60" />
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../src/gui/AppearanceMenu.cpp" line="71" />
        <source>Pit Wall will speak %1 from its next start.</source>
        <translation>Pit Wall hablará %1 a partir del próximo inicio.</translation>
    </message>
</context>
<context>
    <name>pitwall::AskPanel</name>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="61" />
        <source>Ask</source>
        <translation>Preguntar</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="61" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="62" />
        <source>Ask the race engineer, e.g. "gap between Norris and Piastri?"</source>
        <translation>Pregunte al ingeniero de carrera, p. ej. «¿diferencia entre Norris y Piastri?»</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="63" />
        <source>Ask about the commentary, e.g. "comments about Hamilton"</source>
        <translation>Pregunte por los comentarios, p. ej. «comentarios sobre Hamilton»</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="67" />
        <source>The race engineer answers from the live race, calling its tools; each call is shown.</source>
        <translation>El ingeniero de carrera responde desde la carrera en directo llamando a sus herramientas; se muestra cada llamada.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="90" />
        <source>Engineer:</source>
        <translation>Ingeniero:</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="91" />
        <source>Answered by %1.</source>
        <translation>Respondido por %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="105" />
        <source>Type a question first.</source>
        <translation>Escribe primero una pregunta.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="110" />
        <source>You:</source>
        <translation>Usted:</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="112" />
        <source>The race engineer is looking it up…</source>
        <translation>El ingeniero de carrera lo está consultando…</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="116" />
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="134" />
        <source>Answer (%1): %2</source>
        <translation>Respuesta (%1): %2</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="136" />
        <source>No commentary matches yet.</source>
        <translation>Aún no hay comentarios que coincidan.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/AskPanel.cpp" line="138" />
        <source>The %n closest lines by meaning.</source>
        <translation>
            <numerusform>La %n línea más cercana por significado.</numerusform>
            <numerusform>Las %n líneas más cercanas por significado.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pitwall::AskPanelLink</name>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="17" />
        <source>Searches the commentary by meaning with the offline embedder.</source>
        <translation>Busca en los comentarios por significado con el embedder sin conexión.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="24" />
        <source>Kafka is not ready yet.</source>
        <translation>Kafka aún no está listo.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="40" />
        <source>Searches the commentary by meaning (%1); %2 writes an answer from the matches.</source>
        <translation>Busca en los comentarios por significado (%1); %2 redacta una respuesta con los resultados.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="41" />
        <source>Searches the commentary by meaning (%1). Configure an LLM for written answers.</source>
        <translation>Busca en los comentarios por significado (%1). Configura un LLM para obtener respuestas redactadas.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanelLink.cpp" line="51" />
        <source>The race engineer reads the live race; it has no race context in this window.</source>
        <translation>El ingeniero de carrera lee la carrera en directo; en esta ventana no tiene contexto de carrera.</translation>
    </message>
</context>
<context>
    <name>pitwall::ClockLabel</name>
    <message>
        <location filename="../src/gui/ClockLabel.cpp" line="14" />
        <source>%1 live</source>
        <translation>%1 en directo</translation>
    </message>
    <message>
        <location filename="../src/gui/ClockLabel.cpp" line="15" />
        <source>%1 (held)</source>
        <translation>%1 (detenido)</translation>
    </message>
</context>
<context>
    <name>pitwall::CloudDeployPanel</name>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="67" />
        <source>Set up Confluent Cloud Flink first (File ▸ Setup wizard).</source>
        <translation>Configure primero Confluent Cloud Flink (Archivo ▸ Asistente de configuración).</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="84" />
        <source>Set up Confluent Cloud Flink first (File ▸ Setup wizard): %1.</source>
        <translation>Configure primero Confluent Cloud Flink (Archivo ▸ Asistente de configuración): %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="89" />
        <source>Set up Schema Registry first (File ▸ Setup wizard): Flink's tables use it.</source>
        <translation>Configure primero Schema Registry (Archivo ▸ Asistente de configuración): las tablas de Flink la usan.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="113" />
        <source>Deployed earlier: Refresh reads its phases, Deploy follows it again, Stop or Delete ends it.</source>
        <translation>Desplegado antes: Actualizar lee sus fases, Desplegar vuelve a seguirlo, Detener o Borrar lo termina.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="114" />
        <source>The pipeline runs on this machine. Deploy runs its stages as Flink SQL in Confluent Cloud.</source>
        <translation>La canalización se ejecuta en este equipo. Desplegar ejecuta sus etapas como Flink SQL en Confluent Cloud.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/CloudDeployPanel.cpp" line="189" />
        <source>Deploying %n statement(s)…</source>
        <translation>
            <numerusform>Desplegando %n sentencia…</numerusform>
            <numerusform>Desplegando %n sentencias…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="195" />
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="201" />
        <source>Delete from Confluent Cloud</source>
        <translation>Borrar de Confluent Cloud</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/CloudDeployPanel.cpp" line="202" />
        <source>Delete the %n statement(s) and the connections Pit Wall deployed? The tables and their topics stay.</source>
        <translation>
            <numerusform>¿Borrar la %n sentencia y las conexiones que desplegó Pit Wall? Las tablas y sus topics se quedan.</numerusform>
            <numerusform>¿Borrar las %n sentencias y las conexiones que desplegó Pit Wall? Las tablas y sus topics se quedan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="204" />
        <source>Deleting…</source>
        <translation>Borrando…</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="209" />
        <source>Reading the statements' phases…</source>
        <translation>Leyendo las fases de las sentencias…</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/CloudDeployPanel.cpp" line="218" />
        <source>Copied the plan as SQL: %n statement(s), secrets as placeholders.</source>
        <translation>
            <numerusform>Plan copiado como SQL: %n sentencia, secretos como marcadores.</numerusform>
            <numerusform>Plan copiado como SQL: %n sentencias, secretos como marcadores.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="245" />
        <source>Running in Confluent Cloud: every stage.</source>
        <translation>En marcha en Confluent Cloud: todas las etapas.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="246" />
        <source>Running in Confluent Cloud: %1. Still on this machine: %2 (hover for why).</source>
        <translation>En marcha en Confluent Cloud: %1. Siguen en este equipo: %2 (pase el ratón para ver por qué).</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="253" />
        <source>Stopped in Confluent Cloud; the stages run locally again.</source>
        <translation>Detenido en Confluent Cloud; las etapas vuelven a ejecutarse en local.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="257" />
        <source>Phases read at %1.</source>
        <translation>Fases leídas a las %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/CloudDeployPanel.cpp" line="264" />
        <source>Deleted from Confluent Cloud; the stages run locally again.</source>
        <translation>Borrado de Confluent Cloud; las etapas vuelven a ejecutarse en local.</translation>
    </message>
</context>
<context>
    <name>pitwall::ControllerStatus</name>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="20" />
        <source>Starting the embedded Kafka broker…</source>
        <translation>Iniciando el broker de Kafka integrado…</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="21" />
        <source>Connecting to Kafka at %1…</source>
        <translation>Conectando a Kafka en %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="24" />
        <source>%1. Change it in File ▸ Kafka connection (Ctrl+K).</source>
        <translation>%1. Cámbielo en Archivo ▸ Conexión a Kafka (Ctrl+K).</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="25" />
        <source>Kafka: not connected</source>
        <translation>Kafka: sin conexión</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="30" />
        <source>Kafka: %1 (%2)</source>
        <translation>Kafka: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="30" />
        <source>embedded broker</source>
        <translation>broker integrado</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="30" />
        <source>cluster</source>
        <translation>clúster</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="33" />
        <source>Setup applied: the next race uses %1 and %2.%3</source>
        <translation>Configuración aplicada: la próxima carrera usa %1 y %2.%3</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="35" />
        <location filename="../src/gui/ControllerStatus.cpp" line="45" />
        <source> The running race keeps its settings.</source>
        <translation> La carrera en curso conserva su configuración.</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="39" />
        <source>The new AI settings could not start: %1. The races keep the previous ones.</source>
        <translation>La nueva configuración de IA no pudo iniciarse: %1. Las carreras conservan la anterior.</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="46" />
        <source>Setup saved: starting the new AI connections…%1</source>
        <translation>Configuración guardada: iniciando las nuevas conexiones de IA…%1</translation>
    </message>
    <message>
        <location filename="../src/gui/ControllerStatus.cpp" line="47" />
        <source>Setup saved; it applies to the next race.%1</source>
        <translation>Configuración guardada; se aplica a la próxima carrera.%1</translation>
    </message>
</context>
<context>
    <name>pitwall::DisplayNames</name>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="10" />
        <source>Engine temperature</source>
        <translation>Temperatura del motor</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="11" />
        <source>Oil temperature</source>
        <translation>Temperatura del aceite</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="12" />
        <source>Tyre front left</source>
        <translation>Neumático delantero izquierdo</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="13" />
        <source>Tyre front right</source>
        <translation>Neumático delantero derecho</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="14" />
        <source>Tyre rear left</source>
        <translation>Neumático trasero izquierdo</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="15" />
        <source>Tyre rear right</source>
        <translation>Neumático trasero derecho</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="16" />
        <source>Brake front left</source>
        <translation>Freno delantero izquierdo</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="17" />
        <source>Brake front right</source>
        <translation>Freno delantero derecho</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="18" />
        <source>Brake rear left</source>
        <translation>Freno trasero izquierdo</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="19" />
        <source>Brake rear right</source>
        <translation>Freno trasero derecho</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="20" />
        <source>Lap time</source>
        <translation>Tiempo de vuelta</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="50" />
        <source>Lights out: the race has started (%1 laps)</source>
        <translation>Se apagan los semáforos: empieza la carrera (%1 vueltas)</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="52" />
        <source>%1 passes %2 for P%3%4</source>
        <translation>%1 adelanta a %2 y es P%3%4</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="55" />
        <source> with DRS</source>
        <translation> con DRS</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="59" />
        <source>: %1 → %2</source>
        <translation>: %1 → %2</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="61" />
        <source>%1 pits%2, %3 s stationary</source>
        <translation>%1 entra en boxes%2, %3 s parado</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="65" />
        <source>%1 pits%2, %3 s in the pit lane</source>
        <translation>%1 entra en boxes%2, %3 s en el pit lane</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="68" />
        <source>%1 pits%2</source>
        <translation>%1 entra en boxes%2</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="84" />
        <source>Red flag: the session is stopped</source>
        <translation>Bandera roja: la sesión está detenida</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="91" />
        <source>Race control: %1</source>
        <translation>Dirección de carrera: %1</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="71" />
        <source>Fastest lap: %1, %2</source>
        <translation>Vuelta rápida: %1, %2</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="75" />
        <source>Virtual safety car ending</source>
        <translation>Termina el coche de seguridad virtual</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="75" />
        <source>Safety car in this lap</source>
        <translation>El coche de seguridad entra en esta vuelta</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="77" />
        <source>Virtual safety car: %1</source>
        <translation>Coche de seguridad virtual: %1</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="77" />
        <source>Safety car: %1</source>
        <translation>Coche de seguridad: %1</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="80" />
        <source>%1 retires (%2)</source>
        <translation>%1 abandona (%2)</translation>
    </message>
    <message>
        <location filename="../src/view/DisplayNames.cpp" line="82" />
        <source>Chequered flag</source>
        <translation>Bandera a cuadros</translation>
    </message>
</context>
<context>
    <name>pitwall::FeedModel</name>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="60" />
        <source>Lap %1 · %2</source>
        <translation>Vuelta %1 · %2</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="60" />
        <source>race control</source>
        <translation>dir. carrera</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="82" />
        <source>commentary</source>
        <translation>comentario</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="84" />
        <source>offline · fallback</source>
        <translation>sin conexión · respaldo</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="86" />
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <location filename="../src/view/FeedModel.cpp" line="135" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>pitwall::FeedPanel</name>
    <message>
        <location filename="../src/gui/FeedPanel.cpp" line="110" />
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedPanel.cpp" line="119" />
        <source>Copy line</source>
        <translation>Copiar línea</translation>
    </message>
</context>
<context>
    <name>pitwall::FollowBox</name>
    <message>
        <location filename="../src/gui/FollowBox.cpp" line="20" />
        <source>The driver to follow: highlighted, ringed on the map, drawn in the charts</source>
        <translation>El piloto a seguir: resaltado, rodeado en el mapa, dibujado en los gráficos</translation>
    </message>
</context>
<context>
    <name>pitwall::GameSessionView</name>
    <message>
        <location filename="../src/gui/GameSessionView.cpp" line="42" />
        <source>127.0.0.1 port %1</source>
        <translation>127.0.0.1 puerto %1</translation>
    </message>
    <message>
        <location filename="../src/gui/GameSessionView.cpp" line="43" />
        <source>%1 port %2</source>
        <translation>%1 puerto %2</translation>
    </message>
    <message>
        <location filename="../src/gui/GameSessionView.cpp" line="43" />
        <source>this machine</source>
        <translation>este equipo</translation>
    </message>
</context>
<context>
    <name>pitwall::KafkaConnectionDialog</name>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="22" />
        <source>librdkafka properties file</source>
        <translation>Archivo de propiedades de librdkafka</translation>
    </message>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="44" />
        <source>Enter the bootstrap servers or a properties file that names them.</source>
        <translation>Indique los servidores de arranque o un archivo de propiedades que los nombre.</translation>
    </message>
</context>
<context>
    <name>pitwall::LapChartsPanel</name>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="74" />
        <source>Race trace: gap to the leader</source>
        <translation>Evolución de la carrera: diferencia con el líder</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="76" />
        <location filename="../src/gui/LapChartsPanel.cpp" line="93" />
        <source>lap</source>
        <translation>vuelta</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="77" />
        <source>gap (s)</source>
        <translation>diferencia (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="86" />
        <source>Pit stops</source>
        <translation>Paradas en boxes</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="88" />
        <source>Safety car</source>
        <translation>Coche de seguridad</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="92" />
        <source>Lap times of the followed driver</source>
        <translation>Tiempos por vuelta del piloto seguido</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="94" />
        <source>lap time (s)</source>
        <translation>tiempo de vuelta (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="98" />
        <source>Forecast band</source>
        <translation>Banda de previsión</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="103" />
        <source>Forecast</source>
        <translation>Previsión</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="107" />
        <source>Lap time</source>
        <translation>Tiempo de vuelta</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="111" />
        <source>Pit or neutralised lap</source>
        <translation>Vuelta en boxes o neutralizada</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardModel</name>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="32" />
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="33" />
        <source>+/-</source>
        <translation>+/-</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="34" />
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="35" />
        <source>Driver</source>
        <translation>Piloto</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="36" />
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="37" />
        <source>Gap</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="38" />
        <source>Interval</source>
        <translation>Intervalo</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="39" />
        <source>Last lap</source>
        <translation>Última vuelta</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="40" />
        <source>Tyre</source>
        <translation>Neumático</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="41" />
        <source>Pits</source>
        <translation>Paradas</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="42" />
        <source>Speed (km/h)</source>
        <translation>Velocidad (km/h)</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="66" />
        <source>OUT</source>
        <translation>FUERA</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="68" />
        <source>PIT</source>
        <translation>BOX</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="70" />
        <source>Winner</source>
        <translation>Ganador</translation>
    </message>
    <message>
        <location filename="../src/view/LeaderboardModel.cpp" line="70" />
        <source>Leader</source>
        <translation>Líder</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardTable</name>
    <message>
        <location filename="../src/gui/LeaderboardTable.cpp" line="33" />
        <source>Double-click a driver to follow them</source>
        <translation>Doble clic en un piloto para seguirlo</translation>
    </message>
</context>
<context>
    <name>pitwall::LibraryLink</name>
    <message>
        <location filename="../src/gui/LibraryLink.cpp" line="23" />
        <source>Import &amp;real race…</source>
        <translation>Importar carrera &amp;real…</translation>
    </message>
</context>
<context>
    <name>pitwall::LibraryPanel</name>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="105" />
        <source>Select a race to see its result.</source>
        <translation>Seleccione una carrera para ver su resultado.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="106" />
        <source>No races yet: every race you run is kept here.</source>
        <translation>Aún no hay carreras: aquí se guarda cada carrera que corra.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="110" />
        <source>no result</source>
        <translation>sin resultado</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="112" />
        <source>%1 — %2 laps, %3 — %4. Race time recorded: %5 min.</source>
        <translation>%1 — %2 vueltas, %3 — %4. Tiempo de carrera grabado: %5 min.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="115" />
        <source>won by %1</source>
        <translation>ganada por %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="115" />
        <source>not finished (%1)</source>
        <translation>sin terminar (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="116" />
        <source>no followed driver</source>
        <translation>sin piloto seguido</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="116" />
        <source>following %1</source>
        <translation>siguiendo a %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="125" />
        <source>Delete race</source>
        <translation>Eliminar carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="126" />
        <source>Delete "%1" and everything recorded of it? This cannot be undone.</source>
        <translation>¿Eliminar «%1» y todo lo grabado de ella? No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="138" />
        <source>JSON Lines, can be imported (*.jsonl)</source>
        <translation>JSON Lines, importable (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="138" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="139" />
        <source>Export race</source>
        <translation>Exportar carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="146" />
        <source>Exported %1 messages to %2.</source>
        <translation>%1 mensajes exportados a %2.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="152" />
        <source>Import race</source>
        <translation>Importar carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="152" />
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="157" />
        <source>Imported "%1".</source>
        <translation>«%1» importada.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="165" />
        <source>A live-timing session folder…</source>
        <translation>Una carpeta de sesión de live timing…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="165" />
        <source>A zip, or OpenF1 files…</source>
        <translation>Un zip o archivos de OpenF1…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="166" />
        <source>Download from the F1 live-timing archive…</source>
        <translation>Descargar del archivo de live timing de F1…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="166" />
        <source>Download from OpenF1…</source>
        <translation>Descargar de OpenF1…</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="168" />
        <location filename="../src/gui/LibraryPanel.cpp" line="242" />
        <source>Import real race</source>
        <translation>Importar carrera real</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="169" />
        <source>Where is the race? (F1 data belongs to Formula One; Pit Wall is unofficial.)</source>
        <translation>¿Dónde está la carrera? (Los datos de F1 pertenecen a la Fórmula 1; Pit Wall no es oficial.)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="175" />
        <source>Live-timing session folder (*.jsonStream)</source>
        <translation>Carpeta de sesión de live timing (*.jsonStream)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="179" />
        <source>Real race files</source>
        <translation>Archivos de una carrera real</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="180" />
        <source>Session zip or OpenF1 files (*.zip *.json *.csv);;All files (*)</source>
        <translation>Zip de sesión o archivos de OpenF1 (*.zip *.json *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="184" />
        <source>F1 live-timing archive</source>
        <translation>Archivo de live timing de F1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="185" />
        <source>Year, event and session, e.g. "2018 Baku Race":</source>
        <translation>Año, evento y sesión, p. ej. «2018 Baku Race»:</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="193" />
        <source>Give a year, an event and a session, e.g. "2018 Baku Race".</source>
        <translation>Indique un año, un evento y una sesión, p. ej. «2018 Baku Race».</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="198" />
        <location filename="../src/gui/LibraryPanel.cpp" line="203" />
        <location filename="../src/gui/LibraryPanel.cpp" line="218" />
        <source>Downloading %1</source>
        <translation>Descargando %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="210" />
        <source>OpenF1</source>
        <translation>OpenF1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="210" />
        <source>OpenF1 session key (e.g. 9550):</source>
        <translation>Clave de sesión de OpenF1 (p. ej. 9550):</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="213" />
        <source>Downloading OpenF1 session %1</source>
        <translation>Descargando la sesión %1 de OpenF1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="229" />
        <source>Importing %1</source>
        <translation>Importando %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="241" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="280" />
        <source>Cancelled; what was downloaded is kept for next time.</source>
        <translation>Cancelado; lo descargado se guarda para la próxima vez.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="288" />
        <source>Imported "%1": %2.
%3</source>
        <translation>Importada «%1»: %2.
%3</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="298" />
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
</context>
<context>
    <name>pitwall::LiveServersDialog</name>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="34" />
        <source>Apply to use the new token; agents must then send it.</source>
        <translation>Pulse Aplicar para usar el nuevo token; los agentes deberán enviarlo.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="61" />
        <source>Running at http://127.0.0.1:%1/mcp (Streamable HTTP). Agents send the header Authorization: Bearer &lt;token&gt;.</source>
        <translation>En marcha en http://127.0.0.1:%1/mcp (Streamable HTTP). Los agentes envían la cabecera Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="64" />
        <location filename="../src/gui/LiveServersDialog.cpp" line="65" />
        <source>Off.</source>
        <translation>Apagado.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="68" />
        <source>Running: updates at ws://127.0.0.1:%1/live, example overlay at http://127.0.0.1:%1/overlay. %2 of at most %3 clients; refused: %4 (other sites %5, too many %6, sent too much %7).</source>
        <translation>En marcha: actualizaciones en ws://127.0.0.1:%1/live, overlay de ejemplo en http://127.0.0.1:%1/overlay. %2 de como máximo %3 clientes; rechazados: %4 (otros sitios %5, demasiados %6, enviaron demasiado %7).</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="79" />
        <source>Both listen on this computer only (127.0.0.1).</source>
        <translation>Ambos escuchan solo en este ordenador (127.0.0.1).</translation>
    </message>
</context>
<context>
    <name>pitwall::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="160" />
        <source>&amp;Replay the latest race</source>
        <translation>&amp;Repetir la última carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="165" />
        <source>The library has no race yet: run one first.</source>
        <translation>La biblioteca aún no tiene carreras: corra una primero.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="231" />
        <source>Anomalies</source>
        <translation>Anomalías</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="214" />
        <source> Follow </source>
        <translation> Seguir </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="254" />
        <source>The recorded run of %1 could not be read for comparison: %2</source>
        <translation>No se pudo leer la ejecución grabada de %1 para compararla: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="385" />
        <source>There is no race %1 in the library.</source>
        <translation>No hay ninguna carrera %1 en la biblioteca.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="429" />
        <source>This race's drivers could not be read (%1); the built-in grid is shown.</source>
        <translation>No se pudieron leer los pilotos de esta carrera (%1); se muestra la parrilla incorporada.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="456" />
        <source>Starting a race…</source>
        <translation>Iniciando una carrera…</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelineHealthModel</name>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="73" />
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="74" />
        <source>In/s</source>
        <translation>Entrada/s</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="75" />
        <source>Out/s</source>
        <translation>Salida/s</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="76" />
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="77" />
        <source>Out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="78" />
        <source>Lag</source>
        <translation>Retraso</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="79" />
        <source>p50 µs</source>
        <translation>p50 µs</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="80" />
        <source>p99 µs</source>
        <translation>p99 µs</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="81" />
        <source>Dead-lettered</source>
        <translation>Descartados (DLQ)</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="82" />
        <source>Failures</source>
        <translation>Fallos</translation>
    </message>
    <message>
        <location filename="../src/view/PipelineHealthModel.cpp" line="83" />
        <source>Restarts</source>
        <translation>Reinicios</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelinePanel</name>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="32" />
        <source>-- No Flink statement: this stage runs in the app, also in cloud mode (pitwall cloud plan says why).</source>
        <translation>-- Sin sentencia Flink: esta etapa se ejecuta en la aplicación, también en modo nube (pitwall cloud plan explica por qué).</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="58" />
        <source>Commentary: offline commentator (no LLM configured) · %1 lines</source>
        <translation>Comentarios: comentarista sin conexión (sin LLM configurado) · %1 líneas</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="60" />
        <source>Commentary: %1 · %2 calls · %3 tokens in, %4 out · $%5 · %6 lines by the model, %7 fallbacks</source>
        <translation>Comentarios: %1 · %2 llamadas · %3 tokens de entrada, %4 de salida · $%5 · %6 líneas del modelo, %7 de respaldo</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="69" />
        <source> · throttled %1, held back %2, refused by the fact check %3</source>
        <translation> · limitadas %1, retenidas %2, rechazadas por la verificación %3</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="74" />
        <source> · paused after repeated failures</source>
        <translation> · en pausa tras fallos repetidos</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="76" />
        <source>
Search: %1 in %2 · %3 lines stored</source>
        <translation>
Búsqueda: %1 en %2 · %3 líneas guardadas</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceEngineer</name>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="50" />
        <source>error: %1</source>
        <translation>error: %1</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="52" />
        <source>a long result, cut to %1 characters</source>
        <translation>un resultado largo, recortado a %1 caracteres</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="57" />
        <source>%1: 1 item</source>
        <translation>%1: 1 elemento</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="57" />
        <source>%1: %2 items</source>
        <translation>%1: %2 elementos</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="84" />
        <source>The race engineer needs a language model that can call tools. Start Pit Wall with --llm bedrock (with AWS_REGION, AWS credentials or a profile, and --llm-model) or --llm openai (with OPENAI_API_KEY, or --llm-endpoint for a compatible server), or save one in the AI settings.</source>
        <translation>El ingeniero de carrera necesita un modelo de lenguaje que pueda llamar a herramientas. Inicie Pit Wall con --llm bedrock (con AWS_REGION, credenciales de AWS o un perfil, y --llm-model) o --llm openai (con OPENAI_API_KEY, o --llm-endpoint para un servidor compatible), o guarde uno en los ajustes de IA.</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="99" />
        <source>The race engineer is still answering the last question.</source>
        <translation>El ingeniero de carrera aún está respondiendo a la última pregunta.</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="103" />
        <source>Type a question first.</source>
        <translation>Escriba primero una pregunta.</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="133" />
        <source>The model did not answer: %1</source>
        <translation>El modelo no respondió: %1</translation>
    </message>
    <message>
        <location filename="../src/engineer/RaceEngineer.cpp" line="150" />
        <source>The model was still calling tools after %1 rounds; ask a narrower question.</source>
        <translation>El modelo seguía llamando a herramientas tras %1 rondas; haga una pregunta más concreta.</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceLibraryModel</name>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="36" />
        <location filename="../src/view/RaceLibraryModel.cpp" line="47" />
        <source>The race library is not open.</source>
        <translation>La biblioteca de carreras no está abierta.</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="105" />
        <source>Race</source>
        <translation>Carrera</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="106" />
        <source>Circuit</source>
        <translation>Circuito</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="107" />
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="108" />
        <source>Laps</source>
        <translation>Vueltas</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="109" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="110" />
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <location filename="../src/view/RaceLibraryModel.cpp" line="111" />
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
</context>
<context>
    <name>pitwall::RacePanels</name>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="33" />
        <source>Track map</source>
        <translation>Mapa del circuito</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="36" />
        <source>Telemetry</source>
        <translation>Telemetría</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="39" />
        <source>Race trace</source>
        <translation>Evolución</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="47" />
        <source>Race feed</source>
        <translation>Crónica de carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="58" />
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="65" />
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <location filename="../src/gui/RacePanels.cpp" line="72" />
        <source>Ask</source>
        <translation>Preguntar</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceStatusBar</name>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="29" />
        <source>Lap %v of %m</source>
        <translation>Vuelta %v de %m</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="51" />
        <source>produced %1 · consumed %2</source>
        <translation>producidos %1 · consumidos %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="52" />
        <source>lag %1</source>
        <translation>retraso %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="54" />
        <source>errors %1 · skipped %2</source>
        <translation>errores %1 · omitidos %2</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="55" />
        <source>errors %1</source>
        <translation>errores %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="57" />
        <source> · broker refused %1</source>
        <translation> · rechazados por el broker: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="79" />
        <source>F1 game: waiting for telemetry on %1 (UDP Telemetry on, UDP Format 2024 or 2025)</source>
        <translation>Juego de F1: esperando telemetría en %1 (telemetría UDP activada, formato UDP 2024 o 2025)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="81" />
        <source>F1 game: %1</source>
        <translation>Juego de F1: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="83" />
        <source>F1 game: %1, %2 packets/s, format %3, %4, %5 · refused %6 · on %7</source>
        <translation>Juego de F1: %1, %2 paquetes/s, formato %3, %4, %5 · rechazados %6 · en %7</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="84" />
        <source>receiving</source>
        <translation>recibiendo</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceStatusBar.cpp" line="84" />
        <source>session ended</source>
        <translation>sesión terminada</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceTitle</name>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="20" />
        <source>F1 game</source>
        <translation>Juego de F1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="26" />
        <source>Replay of %1</source>
        <translation>Repetición de %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="33" />
        <source>%1 — lap %2/%3 — live</source>
        <translation>%1 — vuelta %2/%3 — en directo</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="38" />
        <source>Race %1 — stopping: reading back every message…</source>
        <translation>Carrera %1 — deteniéndose: releyendo cada mensaje…</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="43" />
        <source>won by %1</source>
        <translation>ganada por %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="44" />
        <source>stopped on lap %1</source>
        <translation>detenida en la vuelta %1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceTitle.cpp" line="46" />
        <source>Race %1 — finished: %2 of %3 positions read back — %4</source>
        <translation>Carrera %1 — terminada: %2 de %3 posiciones releídas — %4</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceToolbar</name>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="32" />
        <source> Circuit </source>
        <translation> Circuito </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="41" />
        <source> Laps </source>
        <translation> Vueltas </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="45" />
        <source>Full</source>
        <translation>Completa</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="46" />
        <source>Race length in laps (Full: the circuit's race distance)</source>
        <translation>Distancia de la carrera en vueltas (Completa: la distancia de carrera del circuito)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="53" />
        <source> Speed </source>
        <translation> Velocidad </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="58" />
        <location filename="../src/gui/RaceToolbar.cpp" line="139" />
        <source>As fast as possible</source>
        <translation>Lo más rápido posible</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="61" />
        <source> Source </source>
        <translation> Fuente </translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="64" />
        <source>Simulator</source>
        <translation>Simulador</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="65" />
        <source>F1 game (UDP)</source>
        <translation>Juego de F1 (UDP)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="66" />
        <source>What Start starts: a simulated race, or a live race from the EA SPORTS F1 game's UDP telemetry</source>
        <translation>Lo que inicia Iniciar: una carrera simulada o una carrera en directo desde la telemetría UDP del juego EA SPORTS F1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="84" />
        <source>&amp;Faster</source>
        <translation>Más &amp;rápido</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="89" />
        <source>Follow the F1 &amp;game (UDP telemetry)</source>
        <translation>Seguir el &amp;juego de F1 (telemetría UDP)</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="91" />
        <source>A live race from the EA SPORTS F1 game: point its UDP Telemetry at this machine, port 20777</source>
        <translation>Una carrera en directo del juego EA SPORTS F1: dirija su telemetría UDP a este equipo, puerto 20777</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="93" />
        <source>F1 game: listen on this machine only</source>
        <translation>Juego de F1: escuchar solo en este equipo</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="97" />
        <source>On: only a game on this computer can send telemetry (127.0.0.1). Off: the game may run on a console or another PC on your network</source>
        <translation>Activado: solo un juego en este ordenador puede enviar telemetría (127.0.0.1). Desactivado: el juego puede ejecutarse en una consola u otro PC de su red</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="100" />
        <source>F1 game: UDP port…</source>
        <translation>Juego de F1: puerto UDP…</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="104" />
        <source>F1 game UDP port</source>
        <translation>Puerto UDP del juego de F1</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="105" />
        <source>The port set in the game's Telemetry Settings (UDP Port):</source>
        <translation>El puerto configurado en los ajustes de telemetría del juego (UDP Port):</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceToolbar.cpp" line="110" />
        <source>S&amp;lower</source>
        <translation>Más &amp;lento</translation>
    </message>
</context>
<context>
    <name>pitwall::ReplayBar</name>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="10" />
        <source>Replay</source>
        <translation>Repetición</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="14" />
        <location filename="../src/gui/ReplayBar.cpp" line="33" />
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="18" />
        <source>Hold the replay, and resume it (Ctrl+Space)</source>
        <translation>Pausar la repetición y reanudarla (Ctrl+Espacio)</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="22" />
        <source>Race time of the replay: drag to jump</source>
        <translation>Tiempo de carrera de la repetición: arrastre para saltar</translation>
    </message>
    <message>
        <location filename="../src/gui/ReplayBar.cpp" line="33" />
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
</context>
<context>
    <name>pitwall::SessionDisplay</name>
    <message>
        <location filename="../src/gui/SessionDisplay.cpp" line="37" />
        <source>Could not switch %1 on: %2</source>
        <translation>No se pudo activar %1: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/SessionDisplay.cpp" line="38" />
        <source>Could not switch %1 off: %2</source>
        <translation>No se pudo desactivar %1: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/SessionDisplay.cpp" line="58" />
        <source>The race could not start: %1</source>
        <translation>La carrera no pudo empezar: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::SetupWizard</name>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="38" />
        <source>Skip this page</source>
        <translation>Omitir esta página</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="87" />
        <source>testing…</source>
        <translation>probando…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="93" />
        <source>The demo's config.yaml or a librdkafka properties file</source>
        <translation>El config.yaml de la demo o un archivo de propiedades de librdkafka</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="94" />
        <source>Demo settings (*.yaml *.yml *.properties *.conf);;All files (*)</source>
        <translation>Ajustes de la demo (*.yaml *.yml *.properties *.conf);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="99" />
        <source>librdkafka properties file</source>
        <translation>archivo de propiedades de librdkafka</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="259" />
        <source>Enter the connection URI first.</source>
        <translation>Introduzca primero la URI de conexión.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="266" />
        <source>Creating the index %1…</source>
        <translation>Creando el índice %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="266" />
        <source>Asking Atlas…</source>
        <translation>Preguntando a Atlas…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="291" />
        <source>vectorSearch on %1, %2 dimensions, %3, filter %4</source>
        <translation>vectorSearch sobre %1, %2 dimensiones, %3, filtro %4</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="296" />
        <source>The index %1 is there, but %2.</source>
        <translation>El índice %1 existe, pero %2.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="302" />
        <source>There is no index %1 on %2.%3 yet: Create index makes it (%4).</source>
        <translation>Aún no hay índice %1 en %2.%3: Crear índice lo crea (%4).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="309" />
        <location filename="../src/gui/SetupWizard.cpp" line="323" />
        <source>The index %1 is ready and queryable (%2).</source>
        <translation>El índice %1 está listo y se puede consultar (%2).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="339" />
        <source>Atlas is building the index: %1…</source>
        <translation>Atlas está construyendo el índice: %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="373" />
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="403" />
        <source>Imported: %1.</source>
        <translation>Importado: %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="468" />
        <source>Ready: %1, %2, %3 and three new API keys (they can take a minute or two to work).</source>
        <translation>Listo: %1, %2, %3 y tres claves de API nuevas (pueden tardar uno o dos minutos en funcionar).</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="491" />
        <source>Remove from Confluent Cloud</source>
        <translation>Quitar de Confluent Cloud</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="492" />
        <source>Delete the API keys Pit Wall created and whichever of environment %1, cluster %2, pool %3 and service account %4 it created? Their data is lost.</source>
        <translation>¿Borrar las claves de API que creó Pit Wall y, de entre el entorno %1, el clúster %2, el pool %3 y la cuenta de servicio %4, los que creó? Sus datos se pierden.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="509" />
        <source>Removed what Pit Wall had created.</source>
        <translation>Se quitó lo que había creado Pit Wall.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="522" />
        <source>Secrets go to the system keychain.</source>
        <translation>Los secretos van al llavero del sistema.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="523" />
        <source>No keychain service answered (%1). Choose where the secrets go:</source>
        <translation>Ningún servicio de llavero respondió (%1). Elija dónde guardar los secretos:</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="526" />
        <source>Secrets go to %1 (readable by you only), as chosen before.</source>
        <translation>Los secretos van a %1 (solo usted puede leerlo), como eligió antes.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="527" />
        <source>Secrets are kept for this session only, as chosen before.</source>
        <translation>Los secretos se guardan solo para esta sesión, como eligió antes.</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="538" />
        <source>&lt;p&gt;skipped: the local default is used&lt;/p&gt;</source>
        <translation>&lt;p&gt;omitido: se usa el valor local por defecto&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="541" />
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="542" />
        <source>Bootstrap</source>
        <translation>Bootstrap</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="542" />
        <location filename="../src/gui/SetupWizard.cpp" line="545" />
        <location filename="../src/gui/SetupWizard.cpp" line="549" />
        <location filename="../src/gui/SetupWizard.cpp" line="555" />
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="543" />
        <location filename="../src/gui/SetupWizard.cpp" line="546" />
        <location filename="../src/gui/SetupWizard.cpp" line="550" />
        <source>API secret</source>
        <translation>Secreto de API</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="544" />
        <source>Properties file</source>
        <translation>Archivo de propiedades</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="545" />
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="545" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="547" />
        <source>Flink</source>
        <translation>Flink</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="547" />
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="548" />
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="548" />
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="549" />
        <source>Compute pool</source>
        <translation>Compute pool</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="551" />
        <source>Amazon Bedrock</source>
        <translation>Amazon Bedrock</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="551" />
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="551" />
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="552" />
        <source>Access key ID</source>
        <translation>ID de clave de acceso</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="553" />
        <source>Secret access key</source>
        <translation>Clave de acceso secreta</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="554" />
        <source>Session token</source>
        <translation>Token de sesión</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="555" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="555" />
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="556" />
        <source>Chat model</source>
        <translation>Modelo de chat</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="556" />
        <source>Embedding model</source>
        <translation>Modelo de embeddings</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="557" />
        <source>MongoDB Atlas</source>
        <translation>MongoDB Atlas</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="557" />
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="558" />
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="558" />
        <source>Collection</source>
        <translation>Colección</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="559" />
        <source>Index</source>
        <translation>Índice</translation>
    </message>
    <message>
        <location filename="../src/gui/SetupWizard.cpp" line="575" />
        <location filename="../src/gui/SetupWizard.cpp" line="580" />
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
</context>
<context>
    <name>pitwall::StartPage</name>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="83" />
        <source>&lt;h2&gt;Pit Wall&lt;/h2&gt;A live race on this machine: leaderboard, track map and telemetry, AI commentary, anomaly detection and forecasts. Start a short race, replay one, or follow a real one.</source>
        <translation>&lt;h2&gt;Pit Wall&lt;/h2&gt;Una carrera en directo en este equipo: clasificación, mapa del circuito y telemetría, comentarios con IA, detección de anomalías y previsiones. Inicie una carrera corta, repita una o siga una real.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="113" />
        <source>Start a race</source>
        <translation>Iniciar una carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="121" />
        <source>Circuit</source>
        <translation>Circuito</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="127" />
        <source> laps</source>
        <translation> vueltas</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="130" />
        <source>5-lap sprint</source>
        <translation>Sprint de 5 vueltas</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="130" />
        <source>25 %</source>
        <translation>25 %</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="130" />
        <source>Full distance</source>
        <translation>Distancia completa</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="140" />
        <source>Race length</source>
        <translation>Distancia</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="146" />
        <source>As fast as possible</source>
        <translation>Lo más rápido posible</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="148" />
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="152" />
        <source>Select your racer</source>
        <translation>Elija su piloto</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="153" />
        <source>Make them the hero: starts P5–P10 and fights for the podium</source>
        <translation>Convertirlo en el héroe: sale entre P5 y P10 y lucha por el podio</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="159" />
        <source>Start race</source>
        <translation>Iniciar carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="169" />
        <source>About %1 to the chequered flag</source>
        <translation>Unos %1 hasta la bandera a cuadros</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="170" />
        <source>As fast as this machine runs it</source>
        <translation>Tan rápido como lo permita este equipo</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="186" />
        <source>Replay a race</source>
        <translation>Repetir una carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="191" />
        <source>Open the race library…</source>
        <translation>Abrir la biblioteca de carreras…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="198" />
        <source>Real races</source>
        <translation>Carreras reales</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="200" />
        <source>A Grand Prix from the F1 live-timing archive or OpenF1, or a session folder you have.</source>
        <translation>Un Gran Premio del archivo de cronometraje en directo de F1 o de OpenF1, o una carpeta de sesión que tenga.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="203" />
        <source>Import a real race…</source>
        <translation>Importar una carrera real…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="204" />
        <source>Your own race in the EA SPORTS F1 game: turn UDP Telemetry on in its settings and send it to this computer (port 20777 unless you changed it under Race ▸ F1 game).</source>
        <translation>Su propia carrera en el juego EA SPORTS F1: active la telemetría UDP en sus ajustes y envíela a este ordenador (puerto 20777, salvo que lo haya cambiado en Carrera ▸ Juego de F1).</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="209" />
        <source>Follow the F1 game</source>
        <translation>Seguir el juego de F1</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="217" />
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="224" />
        <source>Open the setup wizard…</source>
        <translation>Abrir el asistente de configuración…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="281" />
        <source>Races you run are kept in the library; the latest appear here.</source>
        <translation>Las carreras que corre se guardan en la biblioteca; las más recientes aparecen aquí.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/StartPage.cpp" line="291" />
        <source>, %n laps</source>
        <translation>
            <numerusform>, %n vuelta</numerusform>
            <numerusform>, %n vueltas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="292" />
        <source>▶  %1%2</source>
        <translation>▶  %1%2</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="294" />
        <source>Replay %1 (%2, %3)</source>
        <translation>Repetir %1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="306" />
        <source>Everything runs on this machine; nothing is sent anywhere.</source>
        <translation>Todo se ejecuta en este equipo; no se envía nada a ninguna parte.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPage.cpp" line="306" />
        <source>Cloud services are set up:</source>
        <translation>Servicios en la nube configurados:</translation>
    </message>
</context>
<context>
    <name>pitwall::StartPageLink</name>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="43" />
        <source>Starting the embedded Kafka broker…</source>
        <translation>Iniciando el broker de Kafka integrado…</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="47" />
        <source>Start &amp;page</source>
        <translation>&amp;Página de inicio</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="74" />
        <source>Kafka is not connected: see File ▸ Kafka connection.</source>
        <translation>Kafka no está conectado: vea Archivo ▸ Conexión Kafka.</translation>
    </message>
    <message>
        <location filename="../src/gui/StartPageLink.cpp" line="75" />
        <source>A race is running: stop it (Race ▸ Stop) to start another.</source>
        <translation>Hay una carrera en curso: deténgala (Carrera ▸ Detener) para iniciar otra.</translation>
    </message>
</context>
<context>
    <name>pitwall::TelemetryPanel</name>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="76" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="76" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="82" />
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="82" />
        <source>km/h</source>
        <translation>km/h</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="83" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="102" />
        <source>Followed</source>
        <translation>Seguido</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="84" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="103" />
        <source>Rival</source>
        <translation>Rival</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="85" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="178" />
        <source>Throttle, brake and gear</source>
        <translation>Acelerador, freno y marcha</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="85" />
        <source>% / gear×12.5</source>
        <translation>% / marcha×12,5</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="86" />
        <source>Throttle</source>
        <translation>Acelerador</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="87" />
        <source>Brake</source>
        <translation>Freno</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="88" />
        <source>Gear</source>
        <translation>Marcha</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="89" />
        <source>Rival gear</source>
        <translation>Marcha del rival</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="90" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="180" />
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="90" />
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="97" />
        <source>Forecast band</source>
        <translation>Banda de previsión</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="101" />
        <source>Forecast</source>
        <translation>Previsión</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="105" />
        <source>Anomalies</source>
        <translation>Anomalías</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="151" />
        <source>race time (s)</source>
        <translation>tiempo de carrera (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="178" />
        <source>Throttle, brake and gear — not in this race's source</source>
        <translation>Acelerador, freno y marcha — no están en la fuente de esta carrera</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="179" />
        <source>Temperature — not in this race's source (real timing carries none)</source>
        <translation>Temperatura — no está en la fuente de esta carrera (el cronometraje real no la tiene)</translation>
    </message>
</context>
<context>
    <name>pitwall::TrackMapWidget</name>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="45" />
        <source>No map: this race's source has no car positions.</source>
        <translation>Sin mapa: la fuente de esta carrera no tiene posiciones de los coches.</translation>
    </message>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="57" />
        <source>The map appears once the followed car has driven a lap.</source>
        <translation>El mapa aparece cuando el coche seguido ha dado una vuelta.</translation>
    </message>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="107" />
        <source>The track map appears when a race starts.</source>
        <translation>El mapa del circuito aparece cuando empieza una carrera.</translation>
    </message>
</context>
<context>
    <name>pitwall::WindowDialogs</name>
    <message>
        <location filename="../src/gui/WindowDialogs.cpp" line="25" />
        <source>About Pit Wall</source>
        <translation>Acerca de Pit Wall</translation>
    </message>
    <message>
        <location filename="../src/gui/WindowDialogs.cpp" line="26" />
        <source>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall, on an embedded Kafka broker or your own cluster.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Siga una carrera de Fórmula 1 en directo: clasificación, telemetría y un muro de boxes con IA en streaming, en un broker de Kafka integrado o en su propio clúster.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/WindowDialogs.cpp" line="56" />
        <source>Some saved secrets could not be read: %1</source>
        <translation>Algunos secretos guardados no se pudieron leer: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::cloud::CloudPipeline</name>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="33" />
        <source>another Confluent Cloud action is still running</source>
        <translation>otra acción de Confluent Cloud sigue en marcha</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="101" />
        <source>Schema Registry, subject %1: %2</source>
        <translation>Schema Registry, sujeto %1: %2</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="104" />
        <source>schema id %1</source>
        <translation>id de esquema %1</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudPipeline.cpp" line="111" />
        <source>connection to %1</source>
        <translation>conexión a %1</translation>
    </message>
</context>
<context>
    <name>pitwall::cloud::CloudProvisioner</name>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="87" />
        <source>Provisioning needs a Cloud resource-management API key and secret.</source>
        <translation>Para crear recursos hace falta una clave de API de Cloud de gestión de recursos y su secreto.</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="99" />
        <location filename="../src/cloud/CloudProvisioner.cpp" line="353" />
        <source>Cannot reach Confluent Cloud: %1</source>
        <translation>No se puede contactar con Confluent Cloud: %1</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="129" />
        <source>'%1' was neither found nor created</source>
        <translation>'%1' no se encontró ni se creó</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="147" />
        <source>%1 failed to provision</source>
        <translation>%1 no se pudo aprovisionar</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="151" />
        <source>%1 was still %2 after %3 min</source>
        <translation>%1 seguía %2 tras %3 min</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="154" />
        <source>Waiting</source>
        <translation>Esperando</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="154" />
        <source>%1 is %2</source>
        <translation>%1 está %2</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="168" />
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="203" />
        <source>Kafka cluster</source>
        <translation>Clúster de Kafka</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="221" />
        <source>Flink compute pool</source>
        <translation>Compute pool de Flink</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="234" />
        <source>Service account</source>
        <translation>Cuenta de servicio</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="247" />
        <source>Role bindings</source>
        <translation>Asignaciones de roles</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="247" />
        <source>EnvironmentAdmin, CloudClusterAdmin</source>
        <translation>EnvironmentAdmin, CloudClusterAdmin</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="272" />
        <source>The environment has no Schema Registry (enable Stream Governance for it).</source>
        <translation>El entorno no tiene Schema Registry (active Stream Governance en él).</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="281" />
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="281" />
        <source>Kafka, Schema Registry, Flink</source>
        <translation>Kafka, Schema Registry, Flink</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="292" />
        <source>Confluent Cloud made an API key without returning its secret</source>
        <translation>Confluent Cloud creó una clave de API sin devolver su secreto</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="317" />
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="317" />
        <source>new keys can take a minute or two to work</source>
        <translation>las claves nuevas pueden tardar uno o dos minutos en funcionar</translation>
    </message>
    <message>
        <location filename="../src/cloud/CloudProvisioner.cpp" line="347" />
        <source>Deleting</source>
        <translation>Eliminando</translation>
    </message>
</context>
<context>
    <name>pitwall::cloud::FlinkDeployer</name>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="77" />
        <source>replacing the deployed version</source>
        <translation>sustituyendo la versión desplegada</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="100" />
        <source>statement %1 was still being deleted after %2 s</source>
        <translation>la sentencia %1 aún se estaba borrando tras %2 s</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="128" />
        <source>statement %1 disappeared before it ran (it may have failed at once: see its exceptions in the Confluent Cloud console)</source>
        <translation>la sentencia %1 desapareció antes de ejecutarse (puede que fallara al instante: consulta sus excepciones en la consola de Confluent Cloud)</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="135" />
        <source>statement %1 is %2: %3</source>
        <translation>la sentencia %1 está en %2: %3</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="135" />
        <source>no detail given</source>
        <translation>sin detalles</translation>
    </message>
    <message>
        <location filename="../src/cloud/FlinkDeployer.cpp" line="144" />
        <source>statement %1 was still %2 after %3 s</source>
        <translation>la sentencia %1 seguía en %2 tras %3 s</translation>
    </message>
</context>
<context>
    <name>pitwall::setup::ConnectionChecks</name>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="24" />
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="25" />
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="26" />
        <source>Confluent Cloud Flink</source>
        <translation>Confluent Cloud Flink</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="27" />
        <source>Amazon Bedrock</source>
        <translation>Amazon Bedrock</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="28" />
        <location filename="../src/setup/ConnectionChecks.cpp" line="155" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="29" />
        <source>MongoDB Atlas</source>
        <translation>MongoDB Atlas</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="78" />
        <source>skipped (nothing entered): the local default is used</source>
        <translation>omitido (nada introducido): se usa el valor local por defecto</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="85" />
        <source>no Kafka cluster given</source>
        <translation>no se indicó ningún clúster de Kafka</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="94" />
        <source>connected: %1</source>
        <translation>connected: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/setup/ConnectionChecks.cpp" line="105" />
        <source>connected: %n subject(s)</source>
        <translation>
            <numerusform>conectado: %n subject</numerusform>
            <numerusform>conectado: %n subjects</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="119" />
        <source>connected: the statements API answered</source>
        <translation>conectado: la API de sentencias respondió</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="137" />
        <source>the model answered (%1 tokens in, %2 out)</source>
        <translation>el modelo respondió (%1 tokens de entrada, %2 de salida)</translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="162" />
        <source>connected, but the server has no model '%1'</source>
        <translation>conectado, pero el servidor no tiene el modelo '%1'</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/setup/ConnectionChecks.cpp" line="164" />
        <source>connected: %n model(s) available</source>
        <translation>
            <numerusform>conectado: %n modelo disponible</numerusform>
            <numerusform>conectado: %n modelos disponibles</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/setup/ConnectionChecks.cpp" line="179" />
        <source>connected: the cluster answered a ping</source>
        <translation>conectado: el clúster respondió a un ping</translation>
    </message>
</context>
</TS>